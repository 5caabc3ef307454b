import sys

from herotui.cli import main

sys.exit(main())
