import { configure } from '@testing-library/react'

// Testing Library gives `waitFor`/`findBy*` 1 s by default. These tests wait for real streams from
// a real server, which on a loaded 2-core CI machine can take longer: the assertions are the same,
// only the patience is larger.
configure({ asyncUtilTimeout: 5_000 })
