// The search icons Django's filter_horizontal widget (SelectFilter2.js) adds to its
// two search labels carry an aria-label on a plain <span>, which ARIA does not allow
// (axe: aria-prohibited-attr). Giving each the role of an image keeps its text for
// screen readers and makes the label valid.
// SelectFilter2 builds the widget on the window's load event, from a script in the
// page's head; this deferred script's listener is added after that one, so it runs
// after the widget exists and before the load event ends.
"use strict";
window.addEventListener("load", () => {
  for (const icon of document.querySelectorAll(".search-label-icon[aria-label]:not([role])")) {
    icon.setAttribute("role", "img");
  }
});
