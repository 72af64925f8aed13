import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import * as Radix from "@radix-ui/themes";
import { describe, expect, it } from "vitest";
import * as Lite from "./lite";

/** Attribute order is not markup: each element's name and sorted attributes. */
function markup(element: ReactElement): string {
  return renderToStaticMarkup(element).replace(/<([a-z0-9]+)((?:\s+[^\s=>]+="[^"]*")*)\s*>/g, (_, tag: string, attrs: string) => {
    const list = attrs.match(/[^\s=>]+="[^"]*"/g) ?? [];
    return `<${tag}${list.length ? ` ${list.sort().join(" ")}` : ""}>`;
  });
}

const x = "x";
const cases: [string, ReactElement, ReactElement][] = [
  [
    "table row and cells",
    <table key="r"><tbody><Radix.Table.Row><Radix.Table.RowHeaderCell>a</Radix.Table.RowHeaderCell><Radix.Table.Cell>b</Radix.Table.Cell></Radix.Table.Row></tbody></table>,
    <table key="l"><tbody><Lite.Row><Lite.RowHeaderCell>a</Lite.RowHeaderCell><Lite.Cell>b</Lite.Cell></Lite.Row></tbody></table>,
  ],
  ["badge", <Radix.Badge key="r" color="green" highContrast data-testid="t">{x}</Radix.Badge>, <Lite.Badge key="l" color="green" data-testid="t">{x}</Lite.Badge>],
  ["small grey text", <Radix.Text key="r" size="1" color="gray">{x}</Radix.Text>, <Lite.Text key="l" size="1" color="gray">{x}</Lite.Text>],
  ["text", <Radix.Text key="r" size="2">{x}</Radix.Text>, <Lite.Text key="l" size="2">{x}</Lite.Text>],
  ["grey paragraph without margin", <Radix.Text key="r" as="p" size="2" color="gray" m="0">{x}</Radix.Text>, <Lite.Text key="l" as="p" size="2" color="gray" m0>{x}</Lite.Text>],
  [
    "paragraph with a test id",
    <Radix.Text key="r" as="p" size="2" color="gray" m="0" data-testid="snippet">{x}</Radix.Text>,
    <Lite.Text key="l" as="p" size="2" color="gray" m0 data-testid="snippet">{x}</Lite.Text>,
  ],
  [
    "card article",
    <Radix.Card key="r" asChild size="2"><article aria-labelledby="h" data-testid="post">{x}</article></Radix.Card>,
    <Lite.CardArticle key="l" aria-labelledby="h" data-testid="post">{x}</Lite.CardArticle>,
  ],
  ["column", <Radix.Flex key="r" direction="column" gap="2">{x}</Radix.Flex>, <Lite.Stack key="l">{x}</Lite.Stack>],
  ["narrow column", <Radix.Flex key="r" direction="column" gap="1">{x}</Radix.Flex>, <Lite.Stack key="l" gap="1">{x}</Lite.Stack>],
  ["wrapping row", <Radix.Flex key="r" gap="2" wrap="wrap">{x}</Radix.Flex>, <Lite.Stack key="l" row wrap>{x}</Lite.Stack>],
  ["centred wrapping row", <Radix.Flex key="r" gap="2" align="center" wrap="wrap">{x}</Radix.Flex>, <Lite.Stack key="l" row align="center" wrap>{x}</Lite.Stack>],
  ["heading", <Radix.Heading key="r" as="h3" size="4" id="h">{x}</Radix.Heading>, <Lite.Heading key="l" as="h3" id="h">{x}</Lite.Heading>],
  ["heading h2", <Radix.Heading key="r" as="h2" size="4">{x}</Radix.Heading>, <Lite.Heading key="l" as="h2">{x}</Lite.Heading>],
  ...(["3", "4", "5"] as const).map((py): [string, ReactElement, ReactElement] => [
    `container, py ${py}`,
    <Radix.Container key="r" size="4" px="4" py={py}>{x}</Radix.Container>,
    <Lite.Container key="l" py={py}>{x}</Lite.Container>,
  ]),
  [
    "spread row",
    <Radix.Flex key="r" align="center" justify="between" gap="3" wrap="wrap">{x}</Radix.Flex>,
    <Lite.Stack key="l" row align="center" justify="between" gap="3" wrap>{x}</Lite.Stack>,
  ],
  [
    "list as a row",
    <Radix.Flex key="r" align="center" gap="3" wrap="wrap" asChild><ul className="plain-list"><li>{x}</li></ul></Radix.Flex>,
    <Lite.Stack key="l" as="ul" className="plain-list" row align="center" gap="3" wrap><li>{x}</li></Lite.Stack>,
  ],
  ["bold large text", <Radix.Text key="r" size="5" weight="bold">{x}</Radix.Text>, <Lite.Text key="l" size="5" weight="bold">{x}</Lite.Text>],
  [
    "grey text with a class",
    <Radix.Text key="r" as="span" size="2" color="gray" className="hide-on-phone">{x}</Radix.Text>,
    <Lite.Text key="l" size="2" color="gray" className="hide-on-phone">{x}</Lite.Text>,
  ],
  [
    "grey paragraph with margins",
    <Radix.Text key="r" as="p" size="1" color="gray" mt="1" mb="0">{x}</Radix.Text>,
    <Lite.Text key="l" as="p" size="1" color="gray" className="rt-r-mt-1 rt-r-mb-0">{x}</Lite.Text>,
  ],
];

describe("lite components render Radix Themes' markup", () => {
  it.each([undefined, "medium", "bold"] as const)("link, weight %s", (weight) => {
    const radix = (
      <Radix.Link asChild underline="always" weight={weight}>
        <a href="/x">x</a>
      </Radix.Link>
    );
    const lite = (
      <a href="/x" data-accent-color="" className={Lite.linkClass(weight)}>
        x
      </a>
    );
    expect(markup(lite)).toBe(markup(radix));
  });

  it.each([undefined, "medium"] as const)("plain link marked for client-side navigation, weight %s", (weight) => {
    const radix = (
      <Radix.Link asChild underline="always" weight={weight}>
        <a href="/x" rel="next" data-client-nav="">
          x
        </a>
      </Radix.Link>
    );
    expect(markup(<Lite.Link href="/x" rel="next" weight={weight}>x</Lite.Link>)).toBe(markup(radix));
  });

  it.each(cases)("%s", (_, radix, lite) => {
    expect(markup(lite)).toBe(markup(radix));
  });
});
