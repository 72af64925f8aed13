/**
 * Radix Themes' markup for the few components that repeat in long lists (a folder's 50
 * rows, a feed's posts, search hits) and in the layout around every page, without
 * Radix's per-render prop processing: on a 50-row page that processing was the largest
 * single item of the server's CPU profile.
 * Each renders exactly what the Radix component renders for the props it takes, so the
 * look and the accessibility tree are unchanged; lite.test.tsx compares every one with
 * Radix's own output, so an upgrade that changes Radix's markup fails a test, not a page.
 * Use Radix itself everywhere else.
 */
import type { ReactNode } from "react";

type Children = { children?: ReactNode };

/** Classes of `<Link asChild underline="always" weight=…>`. */
export function linkClass(weight?: "regular" | "medium" | "bold"): string {
  return weight ? `rt-Text rt-reset rt-Link rt-r-weight-${weight} rt-underline-always` : "rt-Text rt-reset rt-Link rt-underline-always";
}

/**
 * `<Link asChild underline="always" weight=…><a href=…>`: a plain link to a page, marked
 * (`data-client-nav`) for a client-side navigation by the layout's handler
 * (client-navigation.ts). For long lists; elsewhere use AppLink. Never for a file.
 */
export function Link({ href, weight, rel, children }: Children & { href: string; weight?: "regular" | "medium" | "bold"; rel?: string }) {
  return (
    <a href={href} rel={rel} data-accent-color="" className={linkClass(weight)} data-client-nav="">
      {children}
    </a>
  );
}

/** `<Table.Row>` */
export function Row({ children }: Children) {
  return <tr className="rt-TableRow">{children}</tr>;
}

/** `<Table.RowHeaderCell>` */
export function RowHeaderCell({ children }: Children) {
  return (
    <th className="rt-TableCell rt-TableRowHeaderCell" scope="row">
      {children}
    </th>
  );
}

/** `<Table.Cell>` */
export function Cell({ children }: Children) {
  return <td className="rt-TableCell">{children}</td>;
}

/** `<Badge color=… highContrast>` */
export function Badge({ color, children, "data-testid": testId }: Children & { color: string; "data-testid"?: string }) {
  return (
    <span data-accent-color={color} className="rt-reset rt-Badge rt-r-size-1 rt-variant-soft rt-high-contrast" data-testid={testId}>
      {children}
    </span>
  );
}

/** `<Text size=… color=… weight=…>` as a span, or `<Text as="p" size=… color=… m="0">`; `className` comes last, as in Radix. */
export function Text({
  as: Tag = "span",
  size,
  color,
  weight,
  m0,
  className,
  children,
  "data-testid": testId,
}: Children & { as?: "span" | "p"; size: "1" | "2" | "5"; color?: "gray"; weight?: "bold"; m0?: boolean; className?: string; "data-testid"?: string }) {
  let classes = `rt-Text rt-r-size-${size}`;
  if (weight) classes += ` rt-r-weight-${weight}`;
  if (m0) classes += " rt-r-m-0";
  if (className) classes += ` ${className}`;
  return (
    <Tag data-accent-color={color} data-testid={testId} className={classes}>
      {children}
    </Tag>
  );
}

/** `<Card asChild size="2"><article …>` */
export function CardArticle({ children, ...props }: Children & { "aria-labelledby"?: string; "data-testid"?: string }) {
  return (
    <article className="rt-reset rt-BaseCard rt-Card rt-r-size-2 rt-variant-surface" {...props}>
      {children}
    </article>
  );
}

/** `<Flex direction=… align=… justify=… wrap=… gap=…>`: a column unless `row`; `as="ul"` for `<Flex asChild><ul className=…>`. */
export function Stack({
  row,
  align,
  justify,
  wrap,
  gap = "2",
  as: Tag = "div",
  className,
  children,
}: Children & { row?: boolean; align?: "center"; justify?: "between"; wrap?: boolean; gap?: "1" | "2" | "3"; as?: "div" | "ul"; className?: string }) {
  let classes = row ? "rt-Flex" : "rt-Flex rt-r-fd-column";
  if (align) classes += ` rt-r-ai-${align}`;
  if (justify) classes += " rt-r-jc-space-between";
  if (wrap) classes += " rt-r-fw-wrap";
  classes += ` rt-r-gap-${gap}`;
  if (className) classes += ` ${className}`;
  return <Tag className={classes}>{children}</Tag>;
}

/** `<Container size="4" px="4" py=…>`: the page's width, as the layout uses it. */
export function Container({ py, children }: Children & { py: "3" | "4" | "5" }) {
  return (
    <div className={`rt-Container rt-r-size-4 rt-r-px-4 rt-r-py-${py}`}>
      <div className="rt-ContainerInner">{children}</div>
    </div>
  );
}

/** `<Heading as=… size="4" id=…>` */
export function Heading({ as, id, children }: Children & { as: "h2" | "h3"; id?: string }) {
  const Tag = as;
  return (
    <Tag id={id} className="rt-Heading rt-r-size-4">
      {children}
    </Tag>
  );
}
