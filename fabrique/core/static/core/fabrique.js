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
// dans le champ, comme sur grand écran. La fenêtre du DSFR donne le focus à son premier
// bouton (« Fermer ») dès qu'elle devient visible, après son animation, quelle qu'en soit la
// durée sur l'appareil : le champ prend donc le focus à chaque image tant qu'il ne l'a pas
// (le DSFR laisse ensuite le focus dans la fenêtre où il est), pendant 5 secondes au plus.
const FOCUS_WAIT_MS = 5000;
document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href="#header-search-input"]');
  const input = document.getElementById("header-search-input");
  const opener = document.getElementById("button-search-mobile");
  if (!link || !input || !opener || shown(input)) return;
  event.preventDefault();
  opener.click();
  const until = performance.now() + FOCUS_WAIT_MS;
  let focused = 0; // images de suite où le champ a gardé le focus
  const focusInput = () => {
    if (shown(input) && document.activeElement !== input) input.focus();
    focused = document.activeElement === input ? focused + 1 : 0;
    // Quelques images de suite : le piège à focus du DSFR, posé à l'ouverture, est passé.
    if (focused < 3 && performance.now() < until) requestAnimationFrame(focusInput);
  };
  requestAnimationFrame(focusInput);
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
