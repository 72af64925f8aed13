import { Form, useNavigation, type FormProps } from "@remix-run/react";
import { Button } from "@radix-ui/themes";
import { type ComponentProps, type FormEvent, createContext, forwardRef, useContext, useEffect, useRef, useState } from "react";

const Pending = createContext(false);

interface Props extends FormProps {
  /**
   * Whether the page's action answered this submission with an error. Read when the
   * submission has finished: the fields are then kept (the person keeps what they typed);
   * otherwise they return to their defaults.
   */
  failed: boolean;
}

/**
 * A <Form> that adds something to the page it stays on (an agenda item, an action item,
 * a folder, a comment, a member).
 *
 * Remix keeps the page mounted through the action and the loaders' revalidation, so the
 * uncontrolled fields of a plain <Form> kept what was typed: the title stayed filled, and
 * a second item posted the first one's presenter, person or date unless the person
 * cleared them. Keying the form on the result does not help either: two successes in a
 * row give the same key. This form instead
 * - resets its fields to their defaults once its own submission succeeded;
 * - ignores a second submit while the first is in flight, so a double click adds one item
 *   (the second click would otherwise cancel the first request in the browser after the
 *   server had already received it, and post again);
 * - disables its {@link SubmitButton}s meanwhile.
 * Without JavaScript it is a plain form, and the page the server answers with is fresh.
 */
export function ResettingForm({ failed, onSubmit, children, ...props }: Props) {
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  // A ref, not state: a second click may arrive before React has rendered the first one's state.
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (navigation.state !== "idle" || !inFlight.current) return;
    inFlight.current = false;
    setPending(false);
    const element = form.current;
    if (failed || !element) return;
    element.reset();
    // Ready for the next item, as after a fresh page load.
    const active = document.activeElement;
    if (active === document.body || (active && element.contains(active))) {
      const first = [...element.elements].find(
        (e): e is HTMLInputElement => (e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement) && e.type !== "hidden" && !e.disabled,
      );
      first?.focus();
    }
    // Only the end of a submission matters; `failed` is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state]);

  function submit(event: FormEvent<HTMLFormElement>) {
    if (inFlight.current) {
      event.preventDefault();
      return;
    }
    onSubmit?.(event);
    if (event.defaultPrevented) return;
    inFlight.current = true;
    setPending(true);
  }

  return (
    <Form {...props} ref={form} onSubmit={submit} aria-busy={pending || undefined}>
      <Pending.Provider value={pending}>{children}</Pending.Provider>
    </Form>
  );
}

/** A submit button that is disabled while its {@link ResettingForm}'s submission is in flight. */
export const SubmitButton = forwardRef<HTMLButtonElement, Omit<ComponentProps<typeof Button>, "type">>(function SubmitButton({ disabled, ...props }, ref) {
  const pending = useContext(Pending);
  return <Button {...props} ref={ref} type="submit" disabled={pending || disabled} />;
});
