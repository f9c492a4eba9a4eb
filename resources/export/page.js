// Optional: the page reads fully without it. Lets the reader hide kinds of blocks.
"use strict";
document.documentElement.classList.add("js");
for (const box of document.querySelectorAll(".tg input")) {
  box.addEventListener("change", () => {
    document.body.classList.toggle("h-" + box.dataset.k, !box.checked);
  });
}
const factsOnly = document.querySelector(".fcf input");
if (factsOnly) {
  factsOnly.addEventListener("change", () => {
    document.body.classList.toggle("only-fc", factsOnly.checked);
  });
}
