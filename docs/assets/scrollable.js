/* Wide tables and results scroll sideways inside their box on a phone, or in a column of a
   side-by-side page. Such a box must be reachable with the keyboard (WCAG 2.1.1): it gets a tab
   stop and, unless it is the table itself, the role of a region and a name (its table's caption
   when it has one). Only the innermost box that scrolls gets one, so a table wrapped twice is one
   tab stop. Material wraps tables after load and demos draw results later, hence the observer;
   a resize can make a box scroll. */
(function () {
  "use strict";

  var content = document.querySelector(".md-content");
  if (!content) {
    return;
  }
  var CANDIDATES = ".md-typeset__scrollwrap, .lecture-scroll, .lecture-compute, table";
  var MARK = "data-lecture-scrollable";
  var fallback = document.documentElement.lang === "fr" ? "Contenu défilant" : "Scrollable content";

  function name(element) {
    var caption = element.querySelector("caption");
    var text = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    return text || fallback;
  }

  // Content wider than the box, in a box that scrolls (not one whose content merely overflows).
  function scrolls(element) {
    var overflow = window.getComputedStyle(element).overflowX;
    return (overflow === "auto" || overflow === "scroll") && element.scrollWidth > element.clientWidth + 1;
  }

  function unmark(element) {
    ["tabindex", "role", "aria-label", MARK].forEach(function (attribute) {
      element.removeAttribute(attribute);
    });
  }

  function mark(element) {
    element.setAttribute("tabindex", "0");
    element.setAttribute(MARK, "");
    if (element.tagName === "TABLE") {
      return; // a table keeps its role, named by its caption
    }
    element.setAttribute("role", "region");
    element.setAttribute("aria-label", name(element));
  }

  // A box marked earlier may no longer scroll (Material has since wrapped the table, the window
  // is wider): it loses its tab stop, and the box that scrolls now gets one. Every box is measured
  // first, then marked: measuring after a change would lay the whole page out again, once per box.
  function markScrollable() {
    var candidates = Array.prototype.slice.call(content.querySelectorAll(CANDIDATES));
    var scrolling = candidates.map(scrolls);
    candidates.forEach(function (element, index) {
      if (element.hasAttribute(MARK) && !scrolling[index]) {
        unmark(element);
      }
    });
    for (var index = candidates.length - 1; index >= 0; index--) {
      var element = candidates[index];
      if (element.hasAttribute("tabindex") || !scrolling[index]) {
        continue; // already reachable (by us or by Material), or nothing to scroll
      }
      if (element.querySelector("[" + MARK + "]")) {
        continue; // an inner box scrolls and has the tab stop
      }
      mark(element);
    }
  }

  // Changes come in bursts (Material wraps every table, a demo draws its results): one pass
  // before the next frame is drawn, not one per change.
  var pending = false;
  function markSoon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        markScrollable();
      });
    }
  }

  markScrollable();
  new MutationObserver(markSoon).observe(content, { childList: true, subtree: true });
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", markSoon);
})();
