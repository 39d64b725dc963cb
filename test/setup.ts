import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';

// The import above only declares the matcher types; this registers them with jest.
Testing.setupJest();
