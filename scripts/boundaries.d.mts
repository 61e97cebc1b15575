export declare const PART_FOLDERS: string[];
export declare const SHARED_CORE_MODULES: string[];
export declare function partImportRule(): unknown[];
export declare function coreImportRule(): unknown[];
