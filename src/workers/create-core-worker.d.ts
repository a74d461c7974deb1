export declare function createCoreWorker(): Worker;
