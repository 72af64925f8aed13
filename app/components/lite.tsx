/**
 * Radix Themes' markup for the few components that repeat in long lists (a folder's 50
 * rows, a feed's posts, search hits), without Radix's per-render prop processing: on a
 * 50-row page that processing was the largest single item of the server's CPU profile.
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
 * `<Link asChild underline="always" weight=…><a href=…>`: a plain link, made a client-side
 * navigation by the layout's handler (client-navigation.ts). For long lists; elsewhere use AppLink.
 */
export function Link({ href, weight, rel, children }: Children & { href: string; weight?: "regular" | "medium" | "bold"; rel?: string }) {
  return (
    <a href={href} rel={rel} data-accent-color="" className={linkClass(weight)}>
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

/** `<Text size=… color=…>` as a span, or `<Text as="p" size=… color=… m="0">`. */
export function Text({
  as: Tag = "span",
  size,
  color,
  m0,
  children,
  "data-testid": testId,
}: Children & { as?: "span" | "p"; size: "1" | "2"; color?: "gray"; m0?: boolean; "data-testid"?: string }) {
  return (
    <Tag data-accent-color={color} data-testid={testId} className={m0 ? `rt-Text rt-r-size-${size} rt-r-m-0` : `rt-Text rt-r-size-${size}`}>
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

/** `<Flex direction=… align=… wrap=… gap=…>`: a column unless `row`. */
export function Stack({ row, align, wrap, gap = "2", children }: Children & { row?: boolean; align?: "center"; wrap?: boolean; gap?: "1" | "2" }) {
  let className = row ? "rt-Flex" : "rt-Flex rt-r-fd-column";
  if (align) className += ` rt-r-ai-${align}`;
  if (wrap) className += " rt-r-fw-wrap";
  return <div className={`${className} rt-r-gap-${gap}`}>{children}</div>;
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
