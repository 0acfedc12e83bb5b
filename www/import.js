// Importing a request body into the form: what a body says, as the form's own fields
// (the same snapshot a draft keeps). No judgement here: the form, once filled, is asked
// of the package like any other, so every issue of the body shows at its field. What the
// form cannot say (a pause pattern it has no choice for) is returned as a note.

/** A value as the form's text field shows it: "" for absent, text as typed, else JSON. */
const asText = (v) => (v == null ? "" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * The form fields a parsed body gives: `{fields, notes, hosts, batches, sizes}`, or null when
 * it is not an object. `hostsText(hosts)` writes the hosts as the hosts box shows them.
 */
export function fieldsFromBody(body, hostsText) {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const param = body.execute_param && typeof body.execute_param === "object" ? body.execute_param : {};
  const batches = Array.isArray(body.execute_batches) ? body.execute_batches : [];
  const hosts = batches.flatMap((b) => (b && Array.isArray(b.target_instances) ? b.target_instances : []));
  const params = Array.isArray(param.script_params) ? param.script_params : [];
  // The plan that rebuilds these batches: their sizes as given, and their pauses.
  const sizes = batches.map((b) => (b && Array.isArray(b.target_instances) ? b.target_instances.length : 0));
  const paused = batches.map((b, i) => (b?.rotation_strategy === "PAUSE" ? i + 1 : 0)).filter(Boolean);
  const pause = paused.length === 0 ? "none"
    : paused.length === batches.length && batches.length > 1 ? "every"
    : paused.length === 1 && paused[0] === 1 ? "first" : null;
  const fields = {
    execute_user: asText(param.execute_user),
    timeout: asText(param.timeout),
    success_rate: asText(param.success_rate),
    resourceful: param.resourceful === true,
    params: params.map((p) => ({
      name: asText(p?.param_name), value: asText(p?.param_value),
      param_id: asText(p?.param_refer?.param_id), param_version: asText(p?.param_refer?.param_version),
    })),
    hostsMode: "paste",
    hosts: hostsText(hosts),
    sizes: sizes.join(", "),
    group_by: "",
    pause: pause ?? (paused.length === batches.length ? "every" : "first"),
  };
  return { fields, notes: pause === null ? [{ key: "import_pauses", values: { list: paused.join(", ") } }] : [],
    hosts: hosts.length, batches: batches.length, sizes };
}
