// Member picker: searches the union's roster as the user types and keeps the chosen
// member ids in hidden inputs named like the form field.
(function () {
  "use strict";

  function chip(picker, id, label) {
    const name = picker.dataset.name;
    const span = document.createElement("span");
    span.className = "badge text-bg-light border member-picker-chip";
    span.textContent = label;
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = name;
    hidden.value = id;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close btn-close-sm ms-1";
    close.setAttribute("aria-label", "移除");
    span.append(hidden, close);
    return span;
  }

  function init(picker) {
    const input = picker.querySelector(".member-picker-input");
    const results = picker.querySelector(".member-picker-results");
    const selected = picker.querySelector(".member-picker-selected");
    const multiple = picker.dataset.multiple === "1";
    let timer = null;

    selected.addEventListener("click", function (event) {
      if (!event.target.classList.contains("btn-close")) return;
      event.target.closest(".member-picker-chip").remove();
      if (!multiple) input.hidden = false;
    });

    function choose(id, label) {
      if (selected.querySelector('input[value="' + id + '"]')) return;
      if (!multiple) selected.replaceChildren();
      selected.append(chip(picker, id, label));
      results.replaceChildren();
      input.value = "";
      if (!multiple) input.hidden = true;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const text = input.value.trim();
      if (!text) { results.replaceChildren(); return; }
      timer = setTimeout(function () {
        fetch(picker.dataset.lookupUrl + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            results.replaceChildren();
            if (!data.results.length) {
              const none = document.createElement("div");
              none.className = "list-group-item small text-muted";
              none.textContent = "没有找到匹配的在册会员";
              results.append(none);
            }
            data.results.forEach(function (m) {
              const item = document.createElement("button");
              item.type = "button";
              item.className = "list-group-item list-group-item-action small";
              item.textContent = m.label;
              item.addEventListener("click", function () { choose(m.id, m.label); });
              results.append(item);
            });
          });
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".member-picker").forEach(init);
  });
})();
