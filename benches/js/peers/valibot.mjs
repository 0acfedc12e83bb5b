// The body's rules in valibot 1, as a valibot user would write them: pipes of actions per
// field, code-point lengths and the S5/S6 character rules as `check`s, an Integer as a
// `custom` schema (so a fraction is a type error and the range is not judged), unknown
// keys by `objectWithRest(..., never())` (one issue per key; `strictObject` stops at the
// first). Valibot runs a pipe's `rawCheck` only on input that passed the schema, so the
// cross-field rules run as plain JavaScript on the input after `safeParse`.
import * as v from "valibot";
import { badChar, crossRules, decimalPlaces, hasDots, lengthOutside } from "./rules.mjs";

const int = v.custom((x) => typeof x === "number" && Number.isInteger(x), "type");
const str = (min, max, ...more) =>
  v.pipe(
    v.string(),
    v.check((s) => !lengthOutside(s, min, max), "length"),
    ...more,
  );
const strict = (entries) => v.objectWithRest(entries, v.never());

const Param = strict({
  param_name: str(1, 64),
  param_value: str(0, 1024, v.check((s) => !badChar(s), "charset"), v.check((s) => !hasDots(s), "consecutive_dots")),
  param_order: v.pipe(int, v.minValue(1), v.maxValue(20)),
});

const Host = strict({
  resource_id: str(1, 64),
  agent_sn: str(1, 32),
  project_id: str(1, 32),
  region_id: str(1, 32),
});

const Batch = strict({
  batch_index: v.pipe(int, v.minValue(1), v.maxValue(20)),
  target_instances: v.pipe(v.array(Host), v.minLength(1), v.maxLength(10)),
  rotation_strategy: v.picklist(["CONTINUE", "PAUSE"]),
});

export const Body = strict({
  execute_param: strict({
    resourceful: v.nullish(v.boolean()),
    timeout: v.pipe(int, v.minValue(5), v.maxValue(1800)),
    success_rate: v.pipe(
      v.number(),
      v.finite("type"),
      v.minValue(1),
      v.maxValue(100),
      v.check((r) => decimalPlaces(r) <= 1, "decimal_places"),
    ),
    execute_user: str(1, 32, v.check((u) => u === "root", "must_be_root")),
    script_params: v.nullish(v.pipe(v.array(Param), v.maxLength(20))),
  }),
  execute_batches: v.pipe(v.array(Batch), v.minLength(1), v.maxLength(20)),
});

/** The peer's whole judgement: valibot's result, and the cross-field findings. */
export function validate(body) {
  const result = v.safeParse(Body, body);
  const cross = [];
  crossRules(body, (path, code) => cross.push({ path, code }), false);
  return { result, cross };
}
