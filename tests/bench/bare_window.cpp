// The memory baseline of the kiosk benchmark: a bare SDL2 window with a GL context on the same
// driver, drawing one cleared frame. Prints its peak RSS in kB.
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

static long peak_rss_kb()
{
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kb = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "VmHWM:", 6) == 0) std::sscanf(line + 6, "%ld", &kb);
    std::fclose(f);
    return kb;
}

int main(int argc, char** argv)
{
    int w = argc > 2 ? std::atoi(argv[1]) : 1920, h = argc > 2 ? std::atoi(argv[2]) : 1080;
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return 1;
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_Window* window = SDL_CreateWindow("bare", 0, 0, w, h, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    if (!window) return 1;
    SDL_GLContext context = SDL_GL_CreateContext(window);
    if (!context) return 1;
    using Clear = void (*)(unsigned);
    auto clear = reinterpret_cast<Clear>(SDL_GL_GetProcAddress("glClear"));
    for (int i = 0; i < 3; ++i) {
        clear(0x4000);
        SDL_GL_SwapWindow(window);
    }
    std::printf("%ld\n", peak_rss_kb());
    SDL_GL_DeleteContext(context);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
