// Behaviour that templates ask for with data attributes, so that no page needs inline
// script or event handlers (the Content-Security-Policy allows scripts from files only).
(function () {
  "use strict";
  // <form data-confirm="…">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // <select data-autosubmit>: submit its form when the choice changes.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
  // <a data-back>: go back a page when there is one, else follow the link (home).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
