// placeholder replaced by the client helper
export interface ClientOptions { baseUrl: string }
export type CercleClient = unknown;
export declare function createClient(options: ClientOptions): CercleClient;
