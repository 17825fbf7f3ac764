import ContentLibraryCLI

await ContentLibraryMain.main()
