/* The page's one citation panel (lectureutils/site/teaching.py): copy buttons, and a section's
   citation from its heading's permalink. Without this script the panel still shows the page's
   citation, its downloads and the talk's reference; only copying and section citations need it.
   The page's citation is the panel as the build wrote it, kept here to be shown again after a
   section's; the sections' citations and the talk's record come in one file, on first use. */
(function () {
  "use strict";

  function start() {
    var panel = document.querySelector("details.lecture-cite");
    var dataNode = panel && panel.querySelector(".lecture-cite__data");
    if (!panel || !dataNode) {
      return;
    }
    var data;
    try {
      data = JSON.parse(dataNode.textContent);
    } catch (error) {
      return;
    }
    var home = document.createComment("lecture-cite");
    panel.parentNode.insertBefore(home, panel);
    var summary = panel.querySelector(".lecture-cite__summary");
    var scope = panel.querySelector(".lecture-cite__scope");
    var scopeTitle = panel.querySelector(".lecture-cite__scope-title");
    var apa = panel.querySelector(".lecture-cite__apa");
    var bibtex = panel.querySelector(".lecture-cite__bibtex code");
    var csl = panel.querySelector(".lecture-cite__csl code");
    var status = panel.querySelector(".lecture-cite__status");

    // The same layout as the CSL-JSON written at build time (lectureutils/site/citation.py):
    // an array of items, one field per line.
    function cslText(items) {
      return "[\n" + items.map(function (item) {
        return "  {\n" + Object.keys(item).map(function (key) {
          return "    " + JSON.stringify(key) + ": " + JSON.stringify(item[key]);
        }).join(",\n") + "\n  }";
      }).join(",\n") + "\n]";
    }

    var records = {
      csl: function (entry, talk) { return cslText([entry.csl, talk.csl]); },
      ris: function (entry, talk) { return entry.ris + talk.ris; }
    };
    var extensions = {csl: ".json", ris: ".ris"};
    var links = panel.querySelectorAll(".lecture-cite__download");

    // The page's citation, as written: each part's markup, each download's address and name.
    function state() {
      var parts = [apa.innerHTML, bibtex.textContent, csl.textContent];
      for (var i = 0; i < links.length; i++) {
        parts.push([links[i].getAttribute("href"), links[i].getAttribute("download")]);
      }
      return parts;
    }
    var pageState = state();

    function showScope(heading, title) {
      summary.textContent = heading ? data.labels.cite_section : data.labels.cite_page;
      scope.hidden = !heading;
      scopeTitle.textContent = heading ? data.labels.section + " " + title : "";
      status.textContent = "";
    }

    // A section's citation (``entry``), its downloads ending with the talk's record.
    function show(entry, talk, heading) {
      apa.innerHTML = entry.apa;
      bibtex.textContent = entry.bibtex;
      csl.textContent = cslText([entry.csl]);
      for (var i = 0; i < links.length; i++) {
        var format = links[i].getAttribute("data-format");
        links[i].href = "data:" + links[i].getAttribute("data-type") + ";charset=utf-8," +
          encodeURIComponent(records[format](entry, talk));
        links[i].setAttribute("download", entry.file + extensions[format]);
      }
      showScope(heading, entry.title);
    }

    // The sections' citations, fetched once, when a permalink is first followed.
    var sections = null;
    function loadSections() {
      if (!sections) {
        sections = window.fetch(new URL(data.sections, window.location.href)).then(function (response) {
          if (!response.ok) {
            throw new Error(response.status + " " + response.statusText);
          }
          return response.json();
        });
      }
      return sections;
    }

    // A permalink followed: the panel moves under that heading, with the section's citation.
    function citeSection(heading) {
      loadSections().then(function (all) {
        var entry = all.sections[heading.id];
        if (!entry) {
          return;
        }
        show(entry, all.talk, heading);
        heading.parentNode.insertBefore(panel, heading.nextSibling);
        panel.open = true;
      }, function () {
        sections = null;  // offline, or opened from a file: the page's citation stays
      });
    }

    function citePage() {
      apa.innerHTML = pageState[0];
      bibtex.textContent = pageState[1];
      csl.textContent = pageState[2];
      for (var i = 0; i < links.length; i++) {
        links[i].setAttribute("href", pageState[3 + i][0]);
        links[i].setAttribute("download", pageState[3 + i][1]);
      }
      showScope(null, "");
      home.parentNode.insertBefore(panel, home.nextSibling);
    }

    var permalinks = data.sections ? document.querySelectorAll("article h2[id] > a.headerlink") : [];
    for (var i = 0; i < permalinks.length; i++) {
      permalinks[i].title = data.labels.permalink;
      permalinks[i].setAttribute("aria-label", data.labels.permalink);
      permalinks[i].addEventListener("click", function (event) {
        // The link still does its job (the address gains the section's anchor).
        citeSection(event.currentTarget.parentNode);
      });
    }

    panel.querySelector(".lecture-cite__whole").addEventListener("click", function () {
      citePage();
      panel.open = true;
      summary.parentNode.focus();
      summary.parentNode.scrollIntoView({block: "nearest"});
    });

    // "Cite this page" at the end of the page: back to the page's citation, opened.
    window.addEventListener("hashchange", function () {
      if (window.location.hash === "#cite") {
        citePage();
        panel.open = true;
      }
    });
    if (window.location.hash === "#cite") {
      panel.open = true;
    }

    // Copy buttons: the reference as plain text.
    var buttons = panel.querySelectorAll(".lecture-cite__copy");
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].hidden = false;
      buttons[j].addEventListener("click", function (event) {
        var text = event.currentTarget.parentNode.querySelector(".lecture-cite__apa").textContent;
        copy(text.trim()).then(function () {
          status.textContent = data.labels.copied;
        }, function () {
          status.textContent = "";
        });
      });
    }
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
      document.body.removeChild(area);
      if (done) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
