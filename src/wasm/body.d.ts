// Generated from the rule tables (src/rules/); do not edit.

/** `ScriptExecuteRequest` (revision "page"; rule B1). */
export interface ScriptExecuteRequest {
  execute_param: ScriptExecuteParam;
  execute_batches: ExecuteInstancesBatchInfo[];
}

/** `ScriptExecuteParam` (revision "page"; rule B2). */
export interface ScriptExecuteParam {
  /** P1: expected (a warning when missing). */
  resourceful?: boolean | null;
  timeout: number;
  success_rate: number;
  execute_user: string;
  script_params?: ScriptExecuteInputParam[] | null;
}

/** `ScriptExecuteInputParam` (revision "page"; rule S1). */
export interface ScriptExecuteInputParam {
  param_name: string;
  param_value: string;
  param_order: number;
}

/** `ExecuteInstancesBatchInfo` (revision "page"; rule E3). */
export interface ExecuteInstancesBatchInfo {
  batch_index: number;
  target_instances: ExecuteResourceInstance[];
  rotation_strategy: "CONTINUE" | "PAUSE";
}

/** `ExecuteResourceInstance` (revision "page"; rule I1). */
export interface ExecuteResourceInstance {
  resource_id: string;
  agent_sn: string;
  project_id: string;
  region_id: string;
}

/** `ScriptExecuteRequest` (revision "current"; rule B1). */
export interface CurrentScriptExecuteRequest {
  execute_param: CurrentScriptExecuteParam;
  execute_batches: CurrentExecuteInstancesBatchInfo[];
}

/** `ScriptExecuteParam` (revision "current"; rule B2). */
export interface CurrentScriptExecuteParam {
  /** @deprecated P1: has no effect today; not sent. */
  resourceful?: boolean | null;
  timeout: number;
  success_rate: number;
  execute_user: string;
  script_params?: CurrentScriptExecuteInputParam[] | null;
}

/** `ScriptExecuteInputParam` (revision "current"; rule S1). */
export interface CurrentScriptExecuteInputParam {
  param_name: string;
  /** S4: required unless `param_refer` is given. */
  param_value?: string | null;
  /** @deprecated S7: has no effect today; not sent. */
  param_order?: number | null;
  param_refer?: CurrentScriptExecuteParamReference | null;
}

/** `ScriptExecuteParamReference` (revision "current"; rule S9). */
export interface CurrentScriptExecuteParamReference {
  refer_type: "PARAM_STORE";
  param_id: string;
  param_version?: string | null;
}

/** `ExecuteInstancesBatchInfo` (revision "current"; rule E3). */
export interface CurrentExecuteInstancesBatchInfo {
  batch_index: number;
  target_instances: CurrentExecuteResourceInstance[];
  rotation_strategy: "CONTINUE" | "PAUSE";
}

/** `ExecuteResourceInstance` (revision "current"; rule I1). */
export interface CurrentExecuteResourceInstance {
  resource_id: string;
  /** @deprecated I3: has no effect today; not sent. */
  agent_sn?: string | null;
  /** @deprecated I4: has no effect today; not sent. */
  project_id?: string | null;
  region_id: string;
  provider?: string | null;
  type?: string | null;
  custom_attributes?: CurrentCustomAttribute[] | null;
}

/** `CustomAttribute` (revision "current"; rule I10). */
export interface CurrentCustomAttribute {
  key: string;
  value: string;
}
