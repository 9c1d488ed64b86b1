// Ferme les suggestions de l'en-tête avec Échap.
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    const box = document.getElementById("header-search-suggestions");
    if (box) box.innerHTML = "";
  }
});
