import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent } from "react";

/**
 * Long lists (a folder's rows, a feed's posts, search hits) link with plain `<a href>`
 * (lite.tsx's `Link`): on the server a Remix `<Link>` resolves its route for every link,
 * which at 50 rows was a tenth of the page's CPU. The layout puts this handler on `<main>`,
 * so those links get what `<Link>` gives: a plain left click on one of them becomes a
 * client-side navigation. Only links that opt in with `data-client-nav` (set by lite.tsx's
 * `Link`) are taken: any other `<a href>` — a file download, a calendar file, a link in a
 * Markdown body — may lead to something that is not a page, and stays the browser's.
 * Clicks that `<Link>` already handled, clicks with a modifier key or another button,
 * links with a target or a download, and every click before the page has hydrated stay
 * the browser's too. Keyboard users lose nothing: Enter on a link fires its click.
 */
export function useClientNavigation() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-client-nav]");
      if (!link || link.target || link.hasAttribute("download") || !link.hasAttribute("href")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      // A link to a place on this same page stays the browser's (focus moves to the target).
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
      event.preventDefault();
      navigate(`${url.pathname}${url.search}${url.hash}`);
    },
    [navigate],
  );
}
