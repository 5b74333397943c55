// The officer console: logging in, the navigation between sections, the shared notice line.
//
// A section is a module exporting {id, label, roles, mount(root, ctx), unmount()}; add one to
// SECTIONS to give it a place in the navigation (ratings, complaints, reports, ...).

import { api, describe, session, whenSessionEnds } from "./api.js";
import { applyStatic, lang, setLang, t } from "./i18n.js";
import { h, replace } from "./dom.js";
import desk from "./desk.js";
import followups from "./followups.js";
import guestbook from "./guestbook.js";
import admin from "./admin.js";
import reports from "./reports.js";
import complaints from "./complaints.js";

const SECTIONS = [desk, followups, guestbook, reports, complaints, admin];
const DESK_KEY = "pst.desk";

const $ = (id) => document.getElementById(id);

const ctx = {
  setup: null,
  get desk() {
    const chosen = localStorage.getItem(DESK_KEY);
    return this.setup?.desks.some((d) => d.id === chosen) ? chosen : null;
  },
  deskInfo(id) {
    return this.setup?.desks.find((d) => d.id === id) ?? null;
  },
  service(code) {
    return this.setup?.services.find((s) => s.code === code) ?? null;
  },
  serviceName(code) {
    const s = this.service(code);
    if (!s) return code;
    return lang() === "en" ? s.name_en : s.name;
  },
  get role() {
    return this.setup?.me.role ?? null;
  },
  notify,
  setFollowUpBadge,
  setComplaintBadge,
};

let current = null; // {section, root}
let noticeTimer = null;

function notify(text, kind = "info") {
  const box = $("notice");
  box.textContent = text;
  box.className = `notice ${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  if (kind !== "error") noticeTimer = setTimeout(() => { box.hidden = true; }, 6000);
}

function setFollowUpBadge(open, overdue) {
  const badge = document.querySelector("[data-badge=followups]");
  if (!badge) return;
  badge.textContent = open ? String(open) : "";
  badge.hidden = !open;
  badge.classList.toggle("late", overdue > 0);
  badge.title = `${open} ${t("fu.summary")} ${overdue}`;
}

let openComplaints = 0;

function setComplaintBadge(open) {
  openComplaints = open;
  const badge = document.querySelector("[data-badge=complaints]");
  if (!badge) return;
  badge.textContent = open ? String(open) : "";
  badge.hidden = !open;
  badge.classList.toggle("late", open > 0);
  badge.title = `${open} ${t("cp.openCount")}`;
}

async function countComplaints() {
  if (ctx.role !== "admin") return;
  try {
    setComplaintBadge((await api.get("/complaints?limit=1")).open);
  } catch {
    // The badge is a convenience: the complaints page itself says what went wrong.
  }
}

// --- logging in and out ---------------------------------------------------------------------

async function fillDeskChoices(select, desks) {
  let list = desks;
  if (!list) {
    try {
      // Public: the desks the waiting-room display shows; no login needed yet.
      list = (await api.get("/display?timeout=0")).desks.map((d) => ({ ...d, name_en: d.name }));
    } catch {
      list = [];
    }
  }
  const chosen = localStorage.getItem(DESK_KEY);
  replace(select, h("option", { value: "" }, t("desk.none")),
    list.map((d) => h("option", { value: d.id, selected: d.id === chosen },
      lang() === "en" && d.name_en ? d.name_en : d.name)));
}

function showLogin(messageKey) {
  stopSection();
  const message = $("login-message");
  message.hidden = !messageKey;
  message.textContent = messageKey ? t(messageKey) : "";
  $("login-error").hidden = true;
  $("login").hidden = false;
  // After an expired session the desk stays in view behind the form: nothing is lost.
  if (messageKey !== "login.expired") {
    $("topbar").hidden = true;
    $("sections").hidden = true;
  }
  fillDeskChoices($("login-desk"));
  const username = $("login-username");
  const previous = session.get()?.username;
  if (previous && !username.value) username.value = previous;
  (username.value ? $("login-password") : username).focus();
}

async function logIn(event) {
  event.preventDefault();
  const form = event.target;
  const error = $("login-error");
  error.hidden = true;
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const username = form.username.value.trim();
    const answer = await api.post("/auth/login", { username, password: form.password.value });
    session.save({ token: answer.token, role: answer.role, expires_at: answer.expires_at, username });
    if (form.desk.value) localStorage.setItem(DESK_KEY, form.desk.value);
    form.password.value = "";
    await start();
  } catch (e) {
    error.textContent = e.status === 401 ? t("login.wrong") : describe(e);
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function logOut() {
  try {
    await api.post("/auth/logout");
  } catch {
    // Ended already, or the server is away: forgetting the token here is what matters.
  }
  session.clear();
  ctx.setup = null;
  showLogin("login.loggedOut");
}

whenSessionEnds(() => {
  if (!$("login").hidden) return;
  const username = session.get()?.username;
  session.clear();
  if (username) session.save({ username, token: "" });
  showLogin("login.expired");
});

// --- the sections ---------------------------------------------------------------------------

function allowed(section) {
  return section.roles.includes(ctx.role);
}

function renderNav() {
  replace($("nav"), SECTIONS.filter(allowed).map((s) => h("a", {
    href: `#/${s.id}`, "data-section": s.id,
    "aria-current": current?.section === s ? "page" : null,
  }, t(s.label),
  s.id === "followups" ? h("span", { class: "badge", "data-badge": "followups", hidden: true }) : null,
  s.id === "complaints" ? h("span", { class: "badge late", "data-badge": "complaints", hidden: !openComplaints },
    openComplaints ? String(openComplaints) : "") : null)));
}

function stopSection() {
  if (current) current.section.unmount?.();
  current = null;
}

function route() {
  if (!ctx.setup) return;
  const wanted = location.hash.replace(/^#\//, "") || "desk";
  const section = SECTIONS.find((s) => s.id === wanted && allowed(s)) ?? SECTIONS.find(allowed);
  stopSection();
  const root = h("section", { class: `section section-${section.id}`, "aria-label": t(section.label) });
  replace($("sections"), root);
  current = { section, root };
  renderNav();
  section.mount(root, ctx);
}

function renderTop() {
  $("office-name").textContent = ctx.setup.office;
  $("login-office").textContent = ctx.setup.office;
  const me = ctx.setup.me;
  $("me").textContent = `${me.username} (${t(`role.${me.role}`)})`;
  fillDeskChoices($("desk-select"), ctx.setup.desks);
}

async function start() {
  try {
    ctx.setup = await api.get("/console/setup");
  } catch (e) {
    if (e.status !== 401) notify(describe(e), "error");
    return;
  }
  $("login").hidden = true;
  $("topbar").hidden = false;
  $("sections").hidden = false;
  renderTop();
  route();
  countComplaints();
}

function boot() {
  applyStatic();
  $("login-form").addEventListener("submit", logIn);
  $("logout").addEventListener("click", logOut);
  $("desk-select").addEventListener("change", (event) => {
    localStorage.setItem(DESK_KEY, event.target.value);
    route();
  });
  for (const button of document.querySelectorAll("[data-lang-switch]")) {
    button.addEventListener("click", () => {
      setLang(lang() === "en" ? "id" : "en");
      if (ctx.setup) {
        renderTop();
        route();
      } else {
        fillDeskChoices($("login-desk"));
      }
    });
  }
  window.addEventListener("hashchange", route);
  if (session.get()?.token) {
    start().then(() => { if (!ctx.setup && $("login").hidden) showLogin(null); });
  }
  else {
    showLogin(null);
  }
}

boot();
