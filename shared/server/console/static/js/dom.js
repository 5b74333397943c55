// Small DOM helpers. Text always goes in as text (textContent), never as HTML: visitors
// type the guest-book fields themselves.

import { lang } from "./i18n.js";

/** h("button", {class: "big", onclick: fn}, "text", child...) */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** "2026-12-23T09:05:00+08:00" -> "09.05": the office's own wall clock, as the server sent it. */
export function clockTime(iso) {
  if (!iso) return "";
  const time = iso.slice(11, 16);
  return lang() === "en" ? time : time.replace(":", ".");
}

/** "2026-12-28" -> "Senin, 28 Desember 2026" / "Monday, 28 December 2026". */
export function longDate(day) {
  if (!day) return "";
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang() === "en" ? "en-GB" : "id-ID", {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
}

export function shortDate(day) {
  if (!day) return "";
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang() === "en" ? "en-GB" : "id-ID", {
    weekday: "short", day: "numeric", month: "short", timeZone: "UTC",
  });
}

/** A definition list of [label, value] pairs; empty values shown as a dash. */
export function facts(pairs, className = "facts") {
  return h("dl", { class: className }, pairs.map(([label, value]) => [
    h("dt", {}, label), h("dd", {}, value || "–"),
  ]));
}
