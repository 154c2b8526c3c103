/* Side-by-side pages: a column is half as wide as a chapter, so a wide table or result may scroll
   sideways inside it. Such a region must be reachable with the keyboard (WCAG 2.1.1): it gets a
   tab stop and a name. Material wraps tables after load, hence the observer. */
(function () {
  "use strict";

  var view = document.querySelector(".lecture-bilingual");
  if (!view) {
    return;
  }
  var label = document.documentElement.lang === "fr" ? "Contenu défilant" : "Scrollable content";

  function markScrollable() {
    view.querySelectorAll(".md-typeset__scrollwrap, .lecture-compute, table").forEach(function (element) {
      if (element.scrollWidth > element.clientWidth + 1 && !element.hasAttribute("tabindex")) {
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", label);
      }
    });
  }

  markScrollable();
  new MutationObserver(markScrollable).observe(view, { childList: true, subtree: true });
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markScrollable);
})();
