import { Link, type LinkProps } from "@remix-run/react";
import { linkClass } from "./lite";

/**
 * A client-side link styled like the rest of the theme (and underlined, for those who
 * cannot tell colours apart): the markup of Radix's `<Link asChild underline="always">`,
 * written out (see lite.tsx), as pages hold dozens of these.
 */
export function AppLink({ weight, className, ...props }: LinkProps & { weight?: "regular" | "medium" | "bold" }) {
  return <Link data-accent-color="" className={className ? `${linkClass(weight)} ${className}` : linkClass(weight)} {...props} />;
}
