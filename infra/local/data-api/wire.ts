/**
 * The request and error side of the RDS Data API's REST-JSON protocol, as the emulator speaks it.
 * Errors are HTTP 4xx/5xx with the exception name in the `x-amzn-errortype` header and the body
 * `{"__type": name, "message": ...}`, which is what the AWS SDKs read.
 */

/** Exception names and HTTP statuses, as the service model declares them. */
export const EXCEPTION_STATUS = {
  AccessDeniedException: 403,
  BadRequestException: 400,
  DatabaseErrorException: 400,
  DatabaseNotFoundException: 404,
  DatabaseResumingException: 400,
  DatabaseUnavailableException: 504,
  ForbiddenException: 403,
  HttpEndpointNotEnabledException: 400,
  InternalServerErrorException: 500,
  InvalidSecretException: 400,
  NotFoundException: 404,
  SecretsErrorException: 400,
  ServiceUnavailableError: 503,
  StatementTimeoutException: 400,
  TransactionNotFoundException: 404,
  UnsupportedResultException: 400,
} as const;

export type ExceptionName = keyof typeof EXCEPTION_STATUS;

export class DataApiException extends Error {
  readonly type: ExceptionName;
  readonly extra: Record<string, unknown>;

  constructor(type: ExceptionName, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.extra = extra;
  }

  get status(): number {
    return EXCEPTION_STATUS[this.type];
  }

  body(): string {
    return JSON.stringify({ __type: this.type, message: this.message, ...this.extra });
  }
}

export type TypeHint = 'DATE' | 'DECIMAL' | 'JSON' | 'TIME' | 'TIMESTAMP' | 'UUID';

/** A `Field` as it arrives in a request (blobs base64). */
export interface WireParameterValue {
  isNull?: boolean;
  booleanValue?: boolean;
  longValue?: number;
  doubleValue?: number | string;
  stringValue?: string;
  blobValue?: string;
  arrayValue?: unknown;
}

export interface WireParameter {
  name?: string;
  value?: WireParameterValue;
  typeHint?: TypeHint;
}

export interface ExecuteRequest {
  resourceArn?: string;
  secretArn?: string;
  database?: string;
  schema?: string;
  sql?: string;
  parameters?: WireParameter[];
  transactionId?: string;
  includeResultMetadata?: boolean;
  continueAfterTimeout?: boolean;
  formatRecordsAs?: 'NONE' | 'JSON';
  resultSetOptions?: { decimalReturnType?: 'STRING' | 'DOUBLE_OR_LONG'; longReturnType?: 'LONG' | 'STRING' };
}

export interface BatchExecuteRequest extends Omit<ExecuteRequest, 'parameters'> {
  parameterSets?: WireParameter[][];
}

export interface TransactionRequest {
  resourceArn?: string;
  secretArn?: string;
  database?: string;
  schema?: string;
  transactionId?: string;
}
