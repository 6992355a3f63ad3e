# Packaging targets (included by the top Makefile). Name and version come from reader/__init__.py.
#   make wheel            sdist + wheel into dist/
#   make wheel-check      the wheel in a fresh venv, run from another folder: compare --text and --screenshot
#   make app              one-folder app (PyInstaller) dist/<slug>-<version>/ + dist/<slug>-<version>-linux-<arch>.tar.gz
#   make app-smoke        the built app, offscreen: --screenshot (size, not blank) and compare --text on the seeds
#   make icons            resources/icons/png/*.png from the hand-drawn SVGs
#   make desktop-files    packaging/linux/<APP_ID>.desktop and .metainfo.xml from their templates
#   make desktop-check    the rendered files are current and pass desktop-file-validate / appstreamcli validate
#   make desktop-install  menu entry, metainfo and icons into $(PREFIX)/share (PREFIX=~/.local); desktop-uninstall
PKG_IDENTITY = $(shell $(PYTHON) packaging/render.py --print $(1))
APP_VERSION = $(call PKG_IDENTITY,VERSION)
APP_SLUG_NAME = $(call PKG_IDENTITY,APP_SLUG)
APP_ARCH = $(shell uname -m)
APP_DIR = dist/$(APP_SLUG_NAME)-$(APP_VERSION)
APP_TARBALL = dist/$(APP_SLUG_NAME)-$(APP_VERSION)-linux-$(APP_ARCH).tar.gz
BUILD_TOOL := $(VENV)/.packaging-build
PYINSTALLER_TOOL := $(VENV)/.packaging-pyinstaller
# Cython extensions whose wheels ship with debug information (about 150 MB of it); strip --strip-debug removes it.
STRIP_DIRS := spacy blis thinc srsly preshed cymem murmurhash
PREFIX ?= $(HOME)/.local
EXEC ?= $(shell command -v $(APP_SLUG_NAME) 2>/dev/null || echo $(abspath $(VENV))/bin/$(APP_SLUG_NAME))

.PHONY: wheel wheel-check app app-smoke icons desktop-files desktop-check desktop-install desktop-uninstall

# The packaging tools are the `packaging` extra of pyproject.toml (build, pyinstaller); each is installed when
# first needed.
$(BUILD_TOOL): $(STAMP)
	$(PY) -c 'import build' 2>/dev/null || $(PY) -m pip install -q 'build>=1.2'
	touch $@

$(PYINSTALLER_TOOL): $(STAMP)
	$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install -q 'pyinstaller>=6.10'
	touch $@

WHEEL_BASE = dist/$(subst -,_,$(APP_SLUG_NAME))-$(APP_VERSION)

wheel: $(BUILD_TOOL)
	@mkdir -p build dist && rm -f $(WHEEL_BASE)-py3-none-any.whl $(WHEEL_BASE).tar.gz
	@start=$$(date +%s); $(PY) -m build --outdir dist . >build/wheel-build.log 2>&1 \
	  || { tail -30 build/wheel-build.log; exit 1; }; \
	echo "sdist + wheel built in $$(( $$(date +%s) - start )) s (log: build/wheel-build.log):"; \
	ls -l $(WHEEL_BASE)-py3-none-any.whl $(WHEEL_BASE).tar.gz

wheel-check: wheel
	bash packaging/wheel_check.sh $(WHEEL_BASE)-py3-none-any.whl

app: $(PYINSTALLER_TOOL)
	@mkdir -p build
	@set -e; start=$$(date +%s); \
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --workpath build/pyinstaller \
	  --distpath build/pyinstaller/dist packaging/pyinstaller/parallel-reader.spec; \
	rm -rf $(APP_DIR) && mkdir -p dist && mv build/pyinstaller/dist/$(APP_SLUG_NAME) $(APP_DIR); \
	if command -v strip >/dev/null; then for d in $(STRIP_DIRS); do [ -d $(APP_DIR)/_internal/$$d ] && \
	  find $(APP_DIR)/_internal/$$d -name '*.so' -exec strip --strip-debug {} +; done; true; fi; \
	bash packaging/linux/install-desktop.sh --stage $(APP_DIR) >/dev/null; \
	install -m 0755 packaging/linux/install-desktop.sh $(APP_DIR)/install-desktop.sh; \
	install -m 0644 packaging/linux/README-app.txt $(APP_DIR)/README.txt; \
	tar -C dist -czf $(APP_TARBALL).tmp $(notdir $(APP_DIR)) && mv $(APP_TARBALL).tmp $(APP_TARBALL); \
	echo "app built in $$(( $$(date +%s) - start )) s: $(APP_DIR) ($$(du -sh $(APP_DIR) | cut -f1))," \
	     "$(APP_TARBALL) ($$(du -h $(APP_TARBALL) | cut -f1))"

app-smoke:
	bash packaging/app_smoke.sh $(APP_DIR)

icons: $(STAMP)
	$(PY) packaging/icons.py

desktop-files:
	$(PYTHON) packaging/render.py

desktop-check:
	$(PYTHON) packaging/render.py --check
	@if command -v desktop-file-validate >/dev/null; then desktop-file-validate packaging/linux/*.desktop && echo "desktop-file-validate: ok"; \
	 else echo "desktop-file-validate not installed (Debian: desktop-file-utils); skipped"; fi
	@if command -v appstreamcli >/dev/null; then appstreamcli validate --no-net --strict packaging/linux/*.metainfo.xml; \
	 else echo "appstreamcli not installed (Debian: appstream); skipped"; fi

desktop-install:
	bash packaging/linux/install-desktop.sh --prefix "$(PREFIX)" --exec "$(EXEC)"

desktop-uninstall:
	bash packaging/linux/install-desktop.sh --prefix "$(PREFIX)" --uninstall
