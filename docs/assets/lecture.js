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

  /* The section being read is the one whose heading last went past the reading line, just under
     the page's header: where the reader has scrolled, not the address's #fragment, which still
     names the table-of-contents entry or search hit they followed long ago. Above the first
     heading, the page's top. */
  function currentSectionId() {
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    var header = document.querySelector(".md-header");
    var readingLine = (header ? Math.max(header.getBoundingClientRect().bottom, 0) : 0) + 48;
    var current = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top > readingLine) {
        break;
      }
      current = headings[i].id;
    }
    return current;
  }

  /* Every link of the language switcher points at that section of the other language, kept up to
     date while scrolling so that a click, a tap, a middle-click or a copied link all agree. */
  function retargetLanguageLinks() {
    var section = currentSectionId();
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var target = new URL(link.getAttribute("href"), window.location.href);
      target.hash = section ? "#" + section : "";
      link.setAttribute("href", target.pathname + target.search + target.hash);
    });
  }

  var retargetPending = false;
  window.addEventListener("scroll", function () {
    if (retargetPending) {
      return;
    }
    retargetPending = true;
    window.requestAnimationFrame(function () {
      retargetPending = false;
      retargetLanguageLinks();
    });
  }, { passive: true });
  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".md-select")) {
        retargetLanguageLinks();
      }
    }, true);
  });
  retargetLanguageLinks();

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
