// Admin: officers' accounts (create, new password, disable) and the kiosk and display
// devices (register with a token shown once, see their state, revoke).

import { api, describe } from "./api.js";
import { t } from "./i18n.js";
import { clockTime, h, replace, shortDate } from "./dom.js";

// The devices' state is drawn again this often (a kiosk running out of paper shows up).
const DEVICES_EVERY_MS = 30000;

let ctx = null;
let root = null;
let refresher = null;
let newToken = null; // the token of the device registered last: kept in view until leaving

function mount(element, context) {
  ctx = context;
  root = element;
  replace(root, h("div", { class: "admin-grid" },
    h("div", { class: "card", id: "users" }), h("div", { class: "card", id: "devices" })));
  loadUsers();
  loadDevices();
  refresher = setInterval(() => loadDevices(), DEVICES_EVERY_MS);
}

function unmount() {
  clearInterval(refresher);
  newToken = null;
  root = null;
}

async function guarded(action) {
  try {
    return await action();
  } catch (error) {
    if (error.status !== 401) ctx.notify(describe(error), "error");
    return undefined;
  }
}

// --- users ----------------------------------------------------------------------------------

async function loadUsers() {
  const users = await guarded(() => api.get("/users"));
  const box = document.getElementById("users");
  if (!root || !box || !users) return;
  const form = h("form", { class: "row add", id: "add-user", onsubmit: (event) => {
    event.preventDefault();
    guarded(async () => {
      const body = { username: form.elements.username.value.trim(), role: form.elements.role.value,
        password: form.elements.password.value };
      await api.post("/users", body);
      ctx.notify(`${t("admin.userAdded")}: ${body.username}`, "ok");
      loadUsers();
    });
  } },
  h("label", {}, h("span", {}, t("admin.username")), h("input", { name: "username", required: true, maxlength: 64, autocomplete: "off" })),
  h("label", {}, h("span", {}, t("admin.role")), h("select", { name: "role" },
    ["officer", "admin"].map((r) => h("option", { value: r }, t(`role.${r}`))))),
  h("label", {}, h("span", {}, t("admin.password")), h("input", { name: "password", type: "password", required: true, minlength: 8, autocomplete: "new-password" })),
  h("button", { type: "submit", class: "primary" }, t("admin.addUser")));
  replace(box, h("h2", {}, t("admin.users")),
    h("table", { class: "list users" },
      h("thead", {}, h("tr", {}, [t("admin.username"), t("admin.role"), t("admin.state"), t("admin.actions")]
        .map((label) => h("th", {}, label)))),
      h("tbody", {}, users.map(userRow))),
    form);
}

function userRow(user) {
  const reset = h("form", { class: "row", hidden: true, onsubmit: (event) => {
    event.preventDefault();
    guarded(async () => {
      await api.post(`/users/${encodeURIComponent(user.username)}/password`, { password: reset.elements.password.value });
      ctx.notify(`${t("admin.passwordChanged")}: ${user.username}`, "ok");
      loadUsers();
    });
  } },
  h("input", { name: "password", type: "password", required: true, minlength: 8, placeholder: t("admin.newPassword"), autocomplete: "new-password" }),
  h("button", { type: "submit" }, t("common.save")));
  const actions = user.active ? [
    h("button", { type: "button", onclick: () => { reset.hidden = !reset.hidden; } }, t("admin.resetPassword")),
    h("button", { type: "button", class: "warn", "data-action": "disable", onclick: () => {
      if (!window.confirm(`${t("admin.disableConfirm")}\n${user.username}`)) return;
      guarded(async () => {
        await api.post(`/users/${encodeURIComponent(user.username)}/disable`);
        ctx.notify(`${t("admin.userDisabled")}: ${user.username}`, "ok");
        loadUsers();
      });
    } }, t("admin.disable")),
    reset,
  ] : [];
  return h("tr", { "data-username": user.username, class: user.active ? "" : "inactive" },
    h("td", {}, user.username), h("td", {}, t(`role.${user.role}`)),
    h("td", {}, user.active ? t("admin.active") : t("admin.disabled")),
    h("td", { class: "actions-cell" }, actions));
}

// --- devices --------------------------------------------------------------------------------

async function loadDevices(created) {
  if (created) newToken = created;
  const token = newToken;
  const devices = await guarded(() => api.get("/devices"));
  const box = document.getElementById("devices");
  if (!root || !box || !devices) return;
  const form = h("form", { class: "row add", id: "add-device", onsubmit: (event) => {
    event.preventDefault();
    guarded(async () => {
      const created = await api.post("/devices", { name: form.elements.name.value.trim(), role: form.elements.role.value });
      loadDevices(created);
    });
  } },
  h("label", {}, h("span", {}, t("admin.deviceName")), h("input", { name: "name", required: true, maxlength: 64, autocomplete: "off" })),
  h("label", {}, h("span", {}, t("admin.role")), h("select", { name: "role" },
    ["kiosk", "display"].map((r) => h("option", { value: r }, t(`role.${r}`))))),
  h("button", { type: "submit", class: "primary" }, t("admin.addDevice")));
  replace(box, h("h2", {}, t("admin.devices")),
    token ? h("div", { class: "token", id: "new-token" },
      h("p", {}, `${token.name}: ${t("admin.tokenOnce")}`), h("code", {}, token.token)) : null,
    h("table", { class: "list devices" },
      h("thead", {}, h("tr", {}, [t("admin.deviceName"), t("admin.role"), t("admin.lastSeen"), t("admin.reported"), t("admin.actions")]
        .map((label) => h("th", {}, label)))),
      h("tbody", {}, devices.map(deviceRow))),
    form);
}

function deviceState(device) {
  const states = [];
  const online = device.online;
  states.push(h("span", { class: `tag ${online ? "ok" : "late"}` }, online ? t("admin.online") : t("admin.offline")));
  const printer = device.status?.printer;
  if (printer && typeof printer === "object") {
    const key = `printer.${printer.state}`;
    const text = t(key) === key ? `${t("printer.unknown")} (${printer.state})` : t(key);
    states.push(h("span", { class: `tag ${printer.state === "ok" ? "ok" : "late"}` }, text));
  }
  return states;
}

function deviceRow(device) {
  return h("tr", { "data-device": device.name },
    h("td", {}, device.name), h("td", {}, t(`role.${device.role}`)),
    h("td", {}, device.last_seen_at
      ? `${shortDate(device.last_seen_at.slice(0, 10))} ${clockTime(device.last_seen_at)}` : t("admin.never")),
    h("td", {}, deviceState(device)),
    h("td", {}, h("button", { type: "button", class: "warn", "data-action": "revoke", onclick: () => {
      if (!window.confirm(`${t("admin.revokeConfirm")}\n${device.name}`)) return;
      guarded(async () => {
        await api.post(`/devices/${encodeURIComponent(device.name)}/revoke`);
        ctx.notify(`${t("admin.revoked")}: ${device.name}`, "ok");
        loadDevices();
      });
    } }, t("admin.revoke"))));
}

export default {
  id: "admin",
  label: "nav.admin",
  roles: ["admin"],
  mount,
  unmount,
};
