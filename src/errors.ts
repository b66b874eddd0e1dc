/** The input cannot be transformed (not a Dockerfile, or beyond what the model can hold); the file is left alone. */
export class InputError extends Error {
  override name = 'InputError';
}
