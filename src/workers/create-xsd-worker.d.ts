export declare function createXsdWorker(): Worker;
