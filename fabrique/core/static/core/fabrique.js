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

// Une question qui ne vaut qu'après une réponse donnée (data-shown-if-name et -value, par ex.
// « Avec quel outil ? » si « site » : oui) est masquée tant que cette réponse n'est pas donnée.
// Sans JavaScript, elle reste affichée avec sa condition dans son intitulé ; le serveur ne garde
// pas une réponse à une question qui ne s'applique pas et le dit.
function applyShownIf(form) {
  const groupOf = (field) =>
    field.closest(".fr-input-group, .fr-select-group, .fr-fieldset, .fr-mb-3w") || field;
  for (const field of form.querySelectorAll("[data-shown-if-name]")) {
    const source = form.elements.namedItem(field.dataset.shownIfName);
    if (!source) continue;
    const sourceField = source instanceof RadioNodeList ? source[0] : source;
    const sourceShown = !groupOf(sourceField).hidden;
    groupOf(field).hidden = !(sourceShown && source.value === field.dataset.shownIfValue);
  }
}
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form")) {
    if (!form.querySelector("[data-shown-if-name]")) continue;
    applyShownIf(form);
    form.addEventListener("change", () => applyShownIf(form));
  }
});

// Visible à l'écran : la fenêtre de recherche fermée du DSFR garde sa place mais est masquée
// (visibility), ce que offsetParent ne voit pas.
const shown = (element) =>
  element.checkVisibility
    ? element.checkVisibility({ visibilityProperty: true, opacityProperty: true })
    : element.offsetParent !== null;

// Lien d'évitement « Recherche » : sous 992 px, le champ de l'en-tête est dans la fenêtre de
// recherche, fermée ; le lien l'ouvre (bouton « Rechercher » du DSFR) puis place le curseur
// dans le champ, comme sur grand écran.
document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href="#header-search-input"]');
  const input = document.getElementById("header-search-input");
  const opener = document.getElementById("button-search-mobile");
  if (!link || !input || !opener || shown(input)) return;
  event.preventDefault();
  const modal = document.getElementById("modal-search");
  const focusInput = () => input.focus();
  if (modal) modal.addEventListener("dsfr.disclose", focusInput, { once: true });
  opener.click();
  // Sans l'évènement du DSFR (script pas encore prêt), on place le curseur un peu plus tard.
  setTimeout(() => {
    if (shown(input) && document.activeElement !== input) focusInput();
  }, 400);
});

// Un formulaire renvoyé avec des erreurs : le message d'erreur prend le focus, ce qui le fait
// défiler à l'écran et le fait lire, même quand le formulaire est en bas d'une longue page
// (candidature sous le texte de l'offre, sur téléphone).
document.addEventListener("DOMContentLoaded", () => {
  const alert = document.querySelector('#content .fr-alert--error[role="alert"]');
  if (!alert || document.activeElement !== document.body) return;
  alert.tabIndex = -1;
  alert.focus();
});
