from planwatch.cli import main

raise SystemExit(main())
