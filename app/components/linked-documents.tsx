import { Form } from "@remix-run/react";
import { Badge, Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { useEffect, useState } from "react";
import { AppLink } from "./app-link";
import { useT } from "~/i18n/use-locale";

interface Props {
  documents: { id: string; title: string; classification: "open" | "internal" | "restricted" }[];
  /** Documents the viewer may link here; empty when the viewer may not link. */
  linkable: { id: string; title: string }[];
}

/** The library documents linked to a meeting or a post, and a form to link one more. */
export function LinkedDocuments({ documents, linkable }: Props) {
  const t = useT();
  const unlinked = linkable.filter((l) => !documents.some((d) => d.id === l.id));
  if (documents.length === 0 && unlinked.length === 0) return null;
  return (
    <Card asChild size="2">
      <section aria-labelledby="linked-documents-heading">
        <Heading as="h2" size="4" id="linked-documents-heading" mb="2">
          {t("library.linking.heading")}
        </Heading>
        {documents.length === 0 ? (
          <Text as="p" size="2" color="gray">
            {t("library.linking.none")}
          </Text>
        ) : (
          <ul className="plain-list" data-testid="linked-documents">
            {documents.map((d) => (
              <li key={d.id}>
                <Flex gap="2" align="center" py="1">
                  <AppLink to={`/documents/${d.id}`}>{d.title}</AppLink>
                  <Badge color="gray" highContrast size="1">
                    {t(`library.classification.${d.classification}`)}
                  </Badge>
                </Flex>
              </li>
            ))}
          </ul>
        )}
        {unlinked.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="linkDocument" />
            <Flex gap="2" align="end" mt="2" wrap="wrap">
              <Flex direction="column" gap="1" className="select-field">
                <Text as="label" htmlFor="link-document" size="2" weight="medium">
                  {t("library.linking.choose")}
                </Text>
                <select id="link-document" name="document" className="native-select" required>
                  {unlinked.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </select>
              </Flex>
              <Button type="submit" variant="soft">
                {t("library.linking.submit")}
              </Button>
            </Flex>
          </Form>
        ) : null}
      </section>
    </Card>
  );
}

interface ChoicesProps {
  /** Documents the writer may link, each with the slug of its network. */
  documents: { id: string; title: string; networkSlug: string }[];
  networks: { slug: string; name: string }[];
  /** The networks chosen in the form now; only their documents can be linked. */
  chosen: Set<string>;
  error?: string | null;
}

/**
 * Library documents to link to an update while writing it, grouped by network. Before the
 * page's script runs every network's group is there (the server refuses a document outside
 * the chosen networks); after it, only the groups of the networks chosen above.
 */
export function DocumentChoices({ documents, networks, chosen, error }: ChoicesProps) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (documents.length === 0) return null;
  const groups = networks
    .map((n) => ({ ...n, documents: documents.filter((d) => d.networkSlug === n.slug) }))
    .filter((g) => g.documents.length > 0 && (!hydrated || chosen.has(g.slug)));
  return (
    <fieldset className="plain-fieldset" aria-describedby={error ? "link-documents-help link-documents-error" : "link-documents-help"}>
      <legend>
        <Text size="2" weight="medium">
          {t("library.linking.pick")}
        </Text>
      </legend>
      <Text as="p" id="link-documents-help" size="1" color="gray">
        {t("library.linking.pickHelp")}
      </Text>
      {error ? (
        <Text as="p" id="link-documents-error" size="2" color="red" role="alert">
          {error}
        </Text>
      ) : null}
      {groups.length === 0 ? (
        <Text as="p" size="2" color="gray" mt="1">
          {t("library.linking.chooseNetworkFirst")}
        </Text>
      ) : (
        <Flex direction="column" gap="2" mt="1" style={{ maxHeight: 260, overflowY: "auto" }}>
          {groups.map((g) => (
            <fieldset key={g.slug} className="plain-fieldset">
              <legend>
                <Text size="2">{g.name}</Text>
              </legend>
              <Flex direction="column" gap="1" mt="1">
                {g.documents.map((d) => (
                  <Text as="label" size="2" key={d.id}>
                    <Flex gap="2" align="center">
                      <input type="checkbox" name="documents" value={d.id} />
                      {d.title}
                    </Flex>
                  </Text>
                ))}
              </Flex>
            </fieldset>
          ))}
        </Flex>
      )}
    </fieldset>
  );
}
