import { Link as ThemeLink } from "@radix-ui/themes";
import { Link, type LinkProps } from "@remix-run/react";

/** A client-side link styled like the rest of the theme (and underlined, for those who cannot tell colours apart). */
export function AppLink({ weight, ...props }: LinkProps & { weight?: "regular" | "medium" | "bold" }) {
  return (
    <ThemeLink asChild underline="always" weight={weight}>
      <Link {...props} />
    </ThemeLink>
  );
}
