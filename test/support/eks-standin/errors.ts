// EKS's errors as the stand-in answers them: AWS's restJson shape (x-amzn-errortype header, JSON body
// with `message`), which the SDK turns into its modeled exceptions.
export class EksError extends Error {
  constructor(
    readonly type: "InvalidParameterException" | "InvalidRequestException" | "ResourceNotFoundException" | "ResourceInUseException" | "NotFoundException",
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string, fields: Record<string, string> = {}) => new EksError("InvalidParameterException", message, 400, fields);
export const invalidRequest = (message: string, fields: Record<string, string> = {}) => new EksError("InvalidRequestException", message, 400, fields);
export const notFound = (message: string, fields: Record<string, string> = {}) => new EksError("ResourceNotFoundException", message, 404, fields);
export const inUse = (message: string, fields: Record<string, string> = {}) => new EksError("ResourceInUseException", message, 409, fields);
