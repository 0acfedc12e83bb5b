// The body's rules in zod 4, as a zod user would write them: per-field checks on the
// schema, code-point lengths and the S5/S6 character rules as refinements, unknown keys
// by `strictObject`, and the cross-field rules in one root `superRefine` that runs even
// when fields failed (`when`), since rules.md wants every issue at once.
import * as z from "zod";
import { badChar, crossRules, decimalPlaces, hasDots, lengthOutside } from "./rules.mjs";

const tag = (code) => ({ params: { code }, message: code });
const str = (min, max) => z.string().refine((s) => !lengthOutside(s, min, max), tag("length"));

const Param = z.strictObject({
  param_name: str(1, 64),
  param_value: str(0, 1024).refine((s) => !badChar(s), tag("charset")).refine((s) => !hasDots(s), tag("consecutive_dots")),
  param_order: z.int().min(1).max(20),
});

const Host = z.strictObject({
  resource_id: str(1, 64),
  agent_sn: str(1, 32),
  project_id: str(1, 32),
  region_id: str(1, 32),
});

const Batch = z.strictObject({
  batch_index: z.int().min(1).max(20),
  target_instances: z.array(Host).min(1).max(10),
  rotation_strategy: z.enum(["CONTINUE", "PAUSE"]),
});

export const Body = z
  .strictObject({
    execute_param: z.strictObject({
      resourceful: z.boolean().nullish(),
      timeout: z.int().min(5).max(1800),
      success_rate: z.number().min(1).max(100).refine((r) => decimalPlaces(r) <= 1, tag("decimal_places")),
      execute_user: str(1, 32).refine((u) => u === "root", tag("must_be_root")),
      script_params: z.array(Param).max(20).nullish(),
    }),
    execute_batches: z.array(Batch).min(1).max(20),
  })
  .check(
    z.superRefine(
      (body, ctx) => crossRules(body, (path, code) => ctx.addIssue({ code: "custom", path, ...tag(code) }), false),
      { when: () => true },
    ),
  );

/** The peer's whole judgement of a body: zod's result (issues carry zod's own codes). */
export const validate = (body) => Body.safeParse(body);
