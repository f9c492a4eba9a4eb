// Optional: the page reads fully without it. Lets the reader hide kinds of blocks, and
// highlights the partner of a moved or replaced phrase under the pointer, and can keep only the
// pairs whose facts changed, and can draw the punctuation changes.
"use strict";
document.documentElement.classList.add("js");
for (const box of document.querySelectorAll(".tg input")) {
  box.addEventListener("change", () => {
    document.body.classList.toggle("h-" + box.dataset.k, !box.checked);
  });
}
const table = document.querySelector(".cmp");
function partners(event, on) {
  const run = event.target.closest("[data-g]");
  if (!run) return;
  for (const other of run.closest("tr").querySelectorAll(`[data-g="${run.dataset.g}"]`)) {
    other.classList.toggle("hl", on);
  }
}
if (table) {
  table.addEventListener("mouseover", (event) => partners(event, true));
  table.addEventListener("mouseout", (event) => partners(event, false));
}
const punctuation = document.querySelector(".puf input");
if (punctuation) {
  punctuation.addEventListener("change", () => {
    document.body.classList.toggle("show-pu", punctuation.checked);
  });
}
const factsOnly = document.querySelector(".fcf:not(.puf) input");
if (factsOnly) {
  factsOnly.addEventListener("change", () => {
    document.body.classList.toggle("only-fc", factsOnly.checked);
  });
}
