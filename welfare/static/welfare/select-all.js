// A checkbox with data-select-all="name" ticks or clears every checkbox of that name.
document.querySelectorAll("input[data-select-all]").forEach((master) => {
  master.addEventListener("change", () => {
    document.querySelectorAll(`input[name="${master.dataset.selectAll}"]`).forEach((box) => {
      box.checked = master.checked;
    });
  });
});
