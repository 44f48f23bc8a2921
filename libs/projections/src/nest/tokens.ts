export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
export const REDIS = Symbol('REDIS');
