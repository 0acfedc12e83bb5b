// The form as one snapshot and back: what a draft keeps (draft.js), what an imported body
// fills (import.js), what "Clear the form" restores. Every field but the token, which has
// no place here. No judgement: values go as typed, and the package is asked afterwards.

const $ = (id) => document.getElementById(id);
const text = (v) => (typeof v === "string" ? v : "");
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The form now, from the page's `state` (its parameter rows, host rows, mode, and the
 * page's resourceful kept while today's API hides it: `current`).
 */
export function readForm(state, current) {
  return {
    script_uuid: $("f-script-uuid").value, endpoint: $("f-endpoint").value, project_id: $("f-project").value,
    public: $("f-public").checked, execute_user: $("f-user").value, timeout: $("f-timeout").value,
    success_rate: $("f-rate").value, resourceful: current ? state.resourceful : $("f-resourceful").checked,
    params: state.params.map((p) => ({ ...p })), hostsMode: state.hostsMode,
    hosts: state.refusedPaste ? "" : $("f-hosts").value, hostRows: state.hostRows,
    sizes: $("f-sizes").value, group_by: $("f-group").value, pause: $("f-pause").value, canary: $("f-canary").checked,
  };
}

/**
 * Puts a snapshot's fields into the form and `state`; a field it lacks (or of the wrong
 * kind: a draft is read back from storage) stays as it is. The caller draws the rows.
 */
export function writeForm(state, current, d) {
  const set = (id, v) => { if (typeof v === "string") $(id).value = v; };
  set("f-script-uuid", d.script_uuid);
  set("f-endpoint", d.endpoint);
  set("f-project", d.project_id);
  if (typeof d.public === "boolean") $("f-public").checked = d.public;
  set("f-user", d.execute_user);
  set("f-timeout", d.timeout);
  set("f-rate", d.success_rate);
  if (typeof d.resourceful === "boolean") {
    if (current) state.resourceful = d.resourceful;
    else $("f-resourceful").checked = d.resourceful;
  }
  if (Array.isArray(d.params)) {
    state.params = d.params.filter(isObject).map((p) => ({
      name: text(p.name), value: text(p.value), param_id: text(p.param_id), param_version: text(p.param_version),
    }));
  }
  set("f-hosts", d.hosts);
  if (Array.isArray(d.hostRows)) {
    state.hostRows = d.hostRows.filter(isObject).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)])));
  }
  if (d.hostsMode === "paste" || d.hostsMode === "rows") {
    state.hostsMode = d.hostsMode;
    $(`mode-${d.hostsMode}`).checked = true;
    $("hosts-paste").hidden = d.hostsMode !== "paste";
    $("hosts-rows").hidden = d.hostsMode !== "rows";
  }
  set("f-sizes", d.sizes);
  set("f-group", d.group_by);
  set("f-pause", d.pause);
  if (typeof d.canary === "boolean") $("f-canary").checked = d.canary;
  state.refusedPaste = null;
}
