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
  /* No pass at load: at the top of the page the links are already right, and a page opened at a
     #fragment or at a restored position is scrolled there, which the listener above follows.
     Measuring the headings here would restyle the whole page once more before it is drawn. */

  /* Glossary definitions next to their term. A shown definition is placed in fixed coordinates
     below its term (above it when there is no room below), kept inside the window; with no room
     either way it becomes a bar along the bottom of the screen (lecture.css). */
  function placeTip(wrap) {
    var tip = wrap.querySelector(".lecture-term__tip");
    var term = wrap.querySelector(".lecture-term");
    if (!tip || !term) {
      return;
    }
    tip.classList.remove("lecture-term__tip--bar");
    tip.style.cssText = "position:fixed;transform:none;left:0;top:0;right:auto;bottom:auto;margin:0";
    var box = term.getBoundingClientRect();
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var margin = 8;
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - margin) {
      top = box.top - height - 6;
    }
    if (top < margin || width === 0) {
      tip.style.cssText = "";
      tip.classList.add("lecture-term__tip--bar");
      return;
    }
    var left = Math.min(Math.max(box.left, margin), window.innerWidth - width - margin);
    tip.style.left = Math.max(left, margin) + "px";
    tip.style.top = top + "px";
  }

  function closeOpenTips(except) {
    document.querySelectorAll(".lecture-term-wrap--open").forEach(function (wrap) {
      if (wrap !== except) {
        wrap.classList.remove("lecture-term-wrap--open");
      }
    });
  }

  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var wrap = event.target.closest && event.target.closest(".lecture-term-wrap");
      if (wrap && !wrap.classList.contains("lecture-term-wrap--open")) {
        placeTip(wrap);
      }
    });
  });

  /* On a touch screen the first tap on a term opens its definition (with a link to the glossary)
     instead of leaving the page; a second tap on the same term follows the link. */
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.lecture-term");
    var wrap = term && term.closest(".lecture-term-wrap");
    if (!wrap) {
      if (!(event.target.closest && event.target.closest(".lecture-term__tip"))) {
        closeOpenTips(null);
      }
      return;
    }
    if (lastPointer !== "touch" || wrap.classList.contains("lecture-term-wrap--open")) {
      return;
    }
    event.preventDefault();
    closeOpenTips(wrap);
    var tip = wrap.querySelector(".lecture-term__tip");
    if (tip && !tip.querySelector(".lecture-term__more")) {
      var more = document.createElement("a");
      more.className = "lecture-term__more";
      more.href = term.getAttribute("href");
      more.textContent = document.documentElement.lang === "fr" ? "Voir dans le glossaire" : "See in the glossary";
      tip.appendChild(more);
    }
    wrap.classList.remove("lecture-term-wrap--dismissed");
    wrap.classList.add("lecture-term-wrap--open");
    placeTip(wrap);
  });
  window.addEventListener("scroll", function () {
    closeOpenTips(null);
    document.querySelectorAll(".lecture-term-wrap:hover, .lecture-term-wrap:focus-within").forEach(placeTip);
  }, { passive: true });

  /* A glossary tooltip can be dismissed with Escape without moving focus or the pointer
     (WCAG 1.4.13); it comes back when the reader moves to another term. */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeOpenTips(null);
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
