import { useNavigate } from "@remix-run/react";
import { Button, Callout, Flex, Progress, Text, TextArea, TextField } from "@radix-ui/themes";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/use-locale";

interface Props {
  /** Where the multipart form posts (the upload resource route). */
  action: string;
  maxMb: number;
  /** Member organisations to share a restricted document with; omitted for a new version. */
  organisations?: { id: string; name: string }[];
  /** The uploader's organisation: it owns the document and always sees it, restricted or not. */
  ownOrganisation?: { id: string; name: string };
  folderId?: string | null;
  error?: string | null;
  submitLabel?: string;
}

/**
 * The upload form. Without JavaScript it posts as a plain form; with it, the file goes by
 * XMLHttpRequest so that a progress bar can show how far it has come, the person can
 * cancel it half-way, and nothing typed is lost if the server refuses it.
 */
export function UploadForm({ action, maxMb, organisations, ownOrganisation, folderId, error, submitLabel }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const [percent, setPercent] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(error ? t(`library.errors.${error}`, { max: maxMb }) : null);
  const [cancelled, setCancelled] = useState(false);
  const [classification, setClassification] = useState("internal");
  const [ticked, setTicked] = useState(0);
  const request = useRef<XMLHttpRequest | null>(null);
  const submit = useRef<HTMLButtonElement>(null);
  const busy = percent !== null;

  // Leaving the page mid-upload ends it (the server then keeps nothing): ask first.
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  // The cancel button disappears with the upload: keep the focus in the form.
  useEffect(() => {
    if (cancelled) submit.current?.focus();
  }, [cancelled]);

  function cancel() {
    request.current?.abort();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) return setMessage(t("library.errors.no_file"));
    if (file.size > maxMb * 1024 * 1024) return setMessage(t("library.errors.too_large", { max: maxMb }));
    setMessage(null);
    setCancelled(false);
    setPercent(0);
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.floor((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      request.current = null;
      let body: { url?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = {};
      }
      if (xhr.status < 300 && body.url) {
        setPercent(100);
        navigate(body.url);
        return;
      }
      setPercent(null);
      setMessage(t(`library.errors.${body.error ?? "bad_request"}`, { max: maxMb }));
    };
    xhr.onerror = () => {
      request.current = null;
      setPercent(null);
      setMessage(t("library.errors.aborted"));
    };
    xhr.onabort = () => {
      request.current = null;
      setPercent(null);
      setCancelled(true);
    };
    xhr.send(new FormData(form));
  }

  return (
    <form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} aria-describedby={message ? "upload-error" : undefined}>
      {folderId ? <input type="hidden" name="folder" value={folderId} /> : null}
      {/* Always there, so that screen readers announce the message when it appears in it. */}
      <div role="status" aria-live="polite">
        {cancelled ? (
          <Callout.Root color="gray" highContrast mb="3">
            <Callout.Text>{t("library.upload.cancelled")}</Callout.Text>
          </Callout.Root>
        ) : null}
      </div>
      <Flex direction="column" gap="3">
        {message ? (
          <Callout.Root color="red" highContrast role="alert" id="upload-error">
            <Callout.Text>{message}</Callout.Text>
          </Callout.Root>
        ) : null}
        <Flex direction="column" gap="1">
          <Text as="label" htmlFor="upload-file" size="2" weight="medium">
            {t("library.upload.file")}
          </Text>
          <input id="upload-file" type="file" name="file" required aria-describedby="upload-file-help" />
          <Text id="upload-file-help" size="1" color="gray">
            {t("library.upload.fileHelp", { max: maxMb })}
          </Text>
        </Flex>
        {organisations ? (
          <>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="upload-title" size="2" weight="medium">
                {t("library.upload.title")}
              </Text>
              <TextField.Root id="upload-title" name="title" maxLength={300} aria-describedby="upload-title-help" />
              <Text id="upload-title-help" size="1" color="gray">
                {t("library.upload.titleHelp")}
              </Text>
            </Flex>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="upload-description" size="2" weight="medium">
                {t("library.upload.description")}
              </Text>
              <TextArea id="upload-description" name="description" maxLength={5000} rows={2} />
            </Flex>
            <Flex direction="column" gap="1">
              <Text as="label" htmlFor="upload-registration" size="2" weight="medium">
                {t("library.upload.registrationNumber")}
              </Text>
              <TextField.Root id="upload-registration" name="registrationNumber" maxLength={100} />
            </Flex>
            <fieldset className="plain-fieldset">
              <legend>
                <Text size="2" weight="medium">
                  {t("library.upload.classification")}
                </Text>
              </legend>
              <Flex direction="column" gap="1" mt="1">
                {(["open", "internal", "restricted"] as const).map((c) => (
                  <Text as="label" size="2" key={c}>
                    <Flex gap="2" align="start">
                      <input type="radio" name="classification" value={c} checked={classification === c} onChange={() => setClassification(c)} />
                      <span>
                        <strong>{t(`library.classification.${c}`)}</strong> – {t(`library.classificationHelp.${c}`)}
                      </span>
                    </Flex>
                  </Text>
                ))}
              </Flex>
            </fieldset>
            {classification === "restricted" ? (
              <>
                <fieldset className="plain-fieldset" aria-describedby="upload-organisations-help">
                  <legend>
                    <Text size="2" weight="medium">
                      {t("library.upload.organisations")}
                    </Text>
                  </legend>
                  {ownOrganisation ? (
                    <Text as="p" id="upload-organisations-help" size="1" color="gray">
                      {t("library.upload.alwaysSees", { organisation: ownOrganisation.name })}
                    </Text>
                  ) : null}
                  <Flex
                    direction="column"
                    gap="1"
                    mt="1"
                    style={{ maxHeight: 220, overflowY: "auto" }}
                    onChange={(event) => setTicked(event.currentTarget.querySelectorAll("input[name=organisations]:checked").length)}
                  >
                    {organisations
                      .filter((o) => o.id !== ownOrganisation?.id)
                      .map((o) => (
                        <Text as="label" size="2" key={o.id}>
                          <Flex gap="2" align="center">
                            <input type="checkbox" name="organisations" value={o.id} />
                            {o.name}
                          </Flex>
                        </Text>
                      ))}
                  </Flex>
                </fieldset>
                {/* Said before saving: a restricted document with nobody ticked is the owner's and the coordinators' only. */}
                {ownOrganisation && ticked === 0 ? (
                  <Callout.Root color="amber" highContrast data-testid="nobody-chosen">
                    <Callout.Text>{t("library.upload.nobodyChosen", { organisation: ownOrganisation.name })}</Callout.Text>
                  </Callout.Root>
                ) : null}
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="upload-secrecy" size="2" weight="medium">
                    {t("library.upload.secrecyReference")}
                  </Text>
                  <TextField.Root id="upload-secrecy" name="secrecyReference" maxLength={200} aria-describedby="upload-secrecy-help" />
                  <Text id="upload-secrecy-help" size="1" color="gray">
                    {t("library.upload.secrecyHelp")}
                  </Text>
                </Flex>
              </>
            ) : null}
          </>
        ) : null}
        {busy ? (
          <Flex direction="column" gap="1">
            <Text id="upload-progress-label" size="2" weight="medium">
              {t("library.upload.progressLabel")}
            </Text>
            <Progress
              value={percent ?? 0}
              max={100}
              aria-labelledby="upload-progress-label"
              aria-describedby="upload-progress-text"
              getValueLabel={(value) => t("library.upload.percent", { percent: value })}
            />
            <Text id="upload-progress-text" size="2" role="status" aria-live="polite">
              {percent !== null && percent >= 100 ? t("library.upload.processing") : t("library.upload.progress", { percent })}
            </Text>
          </Flex>
        ) : null}
        <Flex gap="3" wrap="wrap">
          <Button type="submit" disabled={busy} ref={submit}>
            {submitLabel ?? t("library.upload.submit")}
          </Button>
          {busy && percent !== null && percent < 100 ? (
            <Button type="button" variant="soft" color="gray" onClick={cancel}>
              {t("library.upload.cancel")}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </form>
  );
}
