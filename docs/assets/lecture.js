/* Switching language keeps the reader at the same section: both languages share their anchors
   (CONTRIBUTING.md), so the other language's link gets the id of the section being read. */
(function () {
  "use strict";

  /* The hreflang alternates stay in the served HTML for crawlers. Material's script would fetch
     "sitemap.xml" next to each of them (it expects language roots, static-i18n gives the page
     itself): two 404 requests per page view. It reads them on DOMContentLoaded, after this runs. */
  document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
    link.remove();
  });

  function currentSectionId() {
    if (window.location.hash.length > 1) {
      return window.location.hash.slice(1);
    }
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    var current = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > 80) {
        break;
      }
      current = headings[i].id;
    }
    return current;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) {
      return;
    }
    var section = currentSectionId();
    var target = new URL(link.getAttribute("href"), window.location.href);
    target.hash = section ? "#" + section : "";
    link.setAttribute("href", target.pathname + target.search + target.hash);
  });

  /* A glossary tooltip can be dismissed with Escape without moving focus or the pointer
     (WCAG 1.4.13); it comes back when the reader moves to another term. */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll(".lecture-term-wrap").forEach(function (wrap) {
        wrap.classList.add("lecture-term-wrap--dismissed");
      });
    }
  });
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var wrap = event.target.closest && event.target.closest(".lecture-term-wrap");
      document.querySelectorAll(".lecture-term-wrap--dismissed").forEach(function (dismissed) {
        if (dismissed !== wrap) {
          dismissed.classList.remove("lecture-term-wrap--dismissed");
        }
      });
    });
  });
})();
