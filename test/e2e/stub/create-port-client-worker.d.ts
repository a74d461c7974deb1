export declare function createPortClientWorker(): Worker;
