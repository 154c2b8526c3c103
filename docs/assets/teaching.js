/* Printing (lectureutils/site/teaching.py): exercises print with or without their answers,
   folded blocks print open, and live demos print their static figure. Without this script the
   page still prints, with every answer. */
(function () {
  "use strict";

  var TEXT = {
    fr: "Imprimer les réponses",
    en: "Print the answers"
  };
  var KEY = "lecture-print-answers";
  var NO_ANSWERS = "lecture-print-no-answers";
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) !== "no";
    } catch (error) {
      return true;
    }
  }

  function apply(withAnswers) {
    root.classList.toggle(NO_ANSWERS, !withAnswers);
    var boxes = document.querySelectorAll(".lecture-answers-toggle input");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].checked = withAnswers;
    }
  }

  function toggle(withAnswers) {
    try {
      window.localStorage.setItem(KEY, withAnswers ? "yes" : "no");
    } catch (error) {
      /* private browsing: the choice lasts for this page only */
    }
    apply(withAnswers);
  }

  function addSwitches() {
    var content = document.querySelector(".md-content article");
    if (!content || !content.querySelector("details.question")) {
      return;
    }
    var label = TEXT[root.lang] || TEXT.en;
    // One switch per page, before its first exercise: it sets one preference for every page.
    var first = content.querySelector("details.question");
    var paragraph = document.createElement("p");
    paragraph.className = "lecture-answers-toggle";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.addEventListener("change", function (event) {
      toggle(event.target.checked);
    });
    var text = document.createElement("label");
    text.appendChild(box);
    text.appendChild(document.createTextNode(label));
    paragraph.appendChild(text);
    first.parentNode.insertBefore(paragraph, first);
    apply(stored());
  }

  // While printing: every <details> open, every demo canvas back to its static figure.
  var reopened = [];
  var swapped = [];
  var statics = [];

  // Kept as markup, not as a copy of the elements: a detached copy of the figure's lazy images
  // would fetch them at once, on every visit (lectureutils/site/delivery.py).
  function rememberStaticFigures() {
    var canvases = document.querySelectorAll(".lecture-demo__canvas");
    for (var i = 0; i < canvases.length; i++) {
      statics.push([canvases[i], canvases[i].innerHTML]);
    }
  }

  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll(".md-content details:not([open]):not(.lecture-cite)");
    for (var i = 0; i < closed.length; i++) {
      closed[i].setAttribute("open", "");
      reopened.push(closed[i]);
    }
    for (var j = 0; j < statics.length; j++) {
      var live = statics[j][0];
      if (live.isConnected && live.innerHTML !== statics[j][1]) {
        var still = live.cloneNode(false);
        still.innerHTML = statics[j][1];
        live.replaceWith(still);
        swapped.push([live, still]);
      }
    }
  });

  window.addEventListener("afterprint", function () {
    while (reopened.length) {
      reopened.pop().removeAttribute("open");
    }
    while (swapped.length) {
      var pair = swapped.pop();
      pair[1].replaceWith(pair[0]);
    }
  });

  function start() {
    rememberStaticFigures();
    addSwitches();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
