// Ferme les suggestions de l'en-tête avec Échap.
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    const box = document.getElementById("header-search-suggestions");
    if (box) box.innerHTML = "";
  }
});

// Un tableau DSFR plus large que l'écran défile de côté : il entre dans l'ordre de tabulation pour
// que le clavier puisse le faire défiler (flèches), même sans lien dans ses cellules ; il en sort
// quand il tient dans la largeur.
function reachScrollingTables(root) {
  for (const table of root.querySelectorAll(".fr-table > table")) {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.tabIndex = 0;
    } else {
      table.removeAttribute("tabindex");
    }
  }
}
document.addEventListener("DOMContentLoaded", () => reachScrollingTables(document));
document.addEventListener("htmx:afterSettle", () => reachScrollingTables(document));
let resizeTimer;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => reachScrollingTables(document), 150);
});
