/* Draws « Modifier et exécuter » / "Edit and run" above every snippet's output that can run in the
 * browser (the build puts its configuration in the output: lectureutils/site/directives/snippet.py).
 * This is all a page loads for it; the editor (editrun.js, CodeMirror) and Python (Pyodide) load
 * when a reader presses the button. Included once per snippet; runs once per page.
 */
(function () {
  "use strict";
  if (window.lectureEditRunBoot) return;
  window.lectureEditRunBoot = true;
  // The site's assets/ folder, from this script's own address: right on every page, however deep
  // (a side-by-side page sits one folder below its chapter).
  var ASSETS = new URL("../", document.currentScript.src).href;

  function open(output, config, bar, button) {
    button.disabled = true;
    config.assets = ASSETS + "demos/";
    var url = ASSETS + "editrun/editrun.js";
    import(url).then(function (editrun) { return editrun.open(output, config, bar); }).catch(function (error) {
      button.disabled = false;
      var message = bar.querySelector(".lecture-run__failed") || document.createElement("span");
      message.className = "lecture-run__failed";
      message.setAttribute("role", "alert");
      message.textContent = " " + (error && error.message ? error.message : error);
      bar.appendChild(message);
    });
  }

  function init() {
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
