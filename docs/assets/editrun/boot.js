/* Draws « Modifier et exécuter » / "Edit and run" above every snippet's output that can run in the
 * browser (the build puts its configuration in the output: lectureutils/site/directives/snippet.py).
 * This is all a page loads for it; the editor (editrun.js, CodeMirror) and Python (Pyodide) load
 * when a reader presses the button. Included once per snippet; runs once per page.
 *
 * It also fills the folded programs (« Voir le programme »): their code waits in a file of its own
 * (lectureutils/site/listings.py), fetched when the reader first opens one, or presses Edit and run
 * (the editor starts from that code). Until then, and without this script, the fold holds a link to
 * the program as plain text.
 */
(function () {
  "use strict";
  if (window.lectureEditRunBoot) return;
  window.lectureEditRunBoot = true;
  // The site's assets/ folder, from this script's own address: right on every page, however deep
  // (a side-by-side page sits one folder below its chapter).
  var ASSETS = new URL("../", document.currentScript.src).href;

  // Material's copy button (content.code.copy), which its script adds to the code of the page as
  // loaded only; its clipboard handler listens on the whole document, a later button included.
  var theme = {};
  try {
    theme = JSON.parse(document.getElementById("__config").textContent);
  } catch (error) { /* no theme configuration: no copy button */ }
  var copyButtons = 0;

  function addCopyButton(block) {
    var pre = block.querySelector("pre");
    var code = pre && pre.querySelector("code");
    if (!code || (theme.features || []).indexOf("content.code.copy") < 0) return;
    pre.id = "__code_listing_" + (++copyButtons);
    var nav = document.createElement("nav");
    nav.className = "md-code__nav";
    var button = document.createElement("button");
    button.className = "md-code__button";
    button.title = (theme.translations || {})["clipboard.copy"] || "";
    button.setAttribute("data-clipboard-target", "#" + pre.id + " > code");
    button.setAttribute("data-md-type", "copy");
    nav.appendChild(button);
    pre.insertBefore(nav, code);
  }

  // A folded program's code, in place: a promise, fetched once per listing.
  function fillListing(details) {
    if (!details.lectureListing) {
      details.lectureListing = window.fetch(new URL(details.getAttribute("data-listing"), window.location.href))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.statusText);
          return response.json();
        }).then(function (listing) {
          var holder = document.createElement("div");
          holder.innerHTML = listing.html;
          var block = holder.firstElementChild;
          addCopyButton(block);
          details.replaceChild(block, details.querySelector(".lecture-listing__source"));
          var code = block.querySelector("pre > code");
          // Scrollable code is reachable from the keyboard (as Material does for the page's own).
          if (code && code.scrollWidth > code.clientWidth) code.tabIndex = 0;
          return details;
        }, function (error) {
          details.lectureListing = null; // the link stays; the next opening tries again
          throw error;
        });
    }
    return details.lectureListing;
  }

  function folded() {
    return Array.prototype.slice.call(document.querySelectorAll("details.lecture-listing[data-listing]"));
  }

  function open(output, config, bar, button) {
    button.disabled = true;
    config.assets = ASSETS + "demos/";
    var url = ASSETS + "editrun/editrun.js";
    Promise.all(folded().map(fillListing)).then(function () {
      return import(url);
    }).then(function (editrun) { return editrun.open(output, config, bar); }).catch(function (error) {
      button.disabled = false;
      var message = bar.querySelector(".lecture-run__failed") || document.createElement("span");
      message.className = "lecture-run__failed";
      message.setAttribute("role", "alert");
      message.textContent = " " + (error && error.message ? error.message : error);
      bar.appendChild(message);
    });
  }

  function init() {
    folded().forEach(function (details) {
      details.addEventListener("toggle", function () {
        if (details.open) fillListing(details).catch(function () { /* the link stays the way in */ });
      });
    });
    document.querySelectorAll(".lecture-output > script.lecture-run__config").forEach(function (script) {
      var output = script.parentNode;
      if (output.dataset.run) return;
      var config = JSON.parse(script.textContent);
      output.dataset.run = "closed";
      var bar = document.createElement("p");
      bar.className = "lecture-run__bar";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "lecture-run__edit md-button";
      button.textContent = config.label;
      button.addEventListener("click", function () { open(output, config, bar, button); });
      bar.appendChild(button);
      output.parentNode.insertBefore(bar, output);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
