// Every page: after a failed post, focus goes to the form's error summary, so a screen reader
// reads what to correct and a keyboard user starts from its links; otherwise to the banner an
// action left (a confirmation or a problem). Served from the app: no inline script.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector(".error-summary") || document.querySelector(".banner");
    if (!target) { return; }
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
  });
}());
