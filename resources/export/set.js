// Optional: sorts the outlet table by a clicked column; links a source sentence and its
// column in every strip on hover.
"use strict";
for (const head of document.querySelectorAll(".outlets th[data-sort]")) {
  head.addEventListener("click", () => {
    const body = head.closest("table").tBodies[0];
    const column = head.cellIndex;
    const numeric = head.dataset.sort === "n";
    const down = head.dataset.dir !== "down";
    head.dataset.dir = down ? "down" : "up";
    const key = (row) => row.cells[column].dataset.v ?? row.cells[column].textContent;
    const rows = [...body.rows].sort((a, b) => {
      const x = key(a), y = key(b);
      const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return down ? -order : order;
    });
    body.append(...rows);
  });
}
function mark(index, on) {
  for (const cell of document.querySelectorAll(`.strip i:nth-child(${index + 1})`)) {
    cell.classList.toggle("hl", on);
  }
  document.getElementById("s" + index)?.classList.toggle("hl", on);
}
for (const item of document.querySelectorAll(".map li[data-i]")) {
  const index = Number(item.dataset.i);
  item.addEventListener("mouseenter", () => mark(index, true));
  item.addEventListener("mouseleave", () => mark(index, false));
}
for (const strip of document.querySelectorAll(".strip")) {
  [...strip.children].forEach((cell, index) => {
    cell.addEventListener("mouseenter", () => mark(index, true));
    cell.addEventListener("mouseleave", () => mark(index, false));
  });
}
