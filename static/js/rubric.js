// Suggests the rubric level whose statements are all ticked, as the rater ticks them.
document.addEventListener("DOMContentLoaded", () => {
  const output = document.getElementById("suggestion");
  if (!output) return;
  const boxes = Array.from(document.querySelectorAll("input[name=descriptors][data-level]"));
  const update = () => {
    let suggestion = null;
    const levels = [...new Set(boxes.map((box) => box.dataset.level))].sort();
    for (const level of levels) {
      const bullets = boxes.filter((box) => box.dataset.level === level);
      if (bullets.length && bullets.every((box) => box.checked)) suggestion = level;
    }
    output.textContent = suggestion
      ? output.dataset.template.replace("%s", suggestion)
      : output.dataset.none;
  };
  boxes.forEach((box) => box.addEventListener("change", update));
});
