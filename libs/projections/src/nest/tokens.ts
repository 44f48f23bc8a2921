export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
export const REDIS = Symbol('REDIS');
export const READ_MODEL_SQL = Symbol('READ_MODEL_SQL');
